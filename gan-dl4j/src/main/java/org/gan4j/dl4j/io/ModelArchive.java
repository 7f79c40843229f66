package org.gan4j.dl4j.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gan4j.Shape;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A saved model: one zip archive holding a properties entry (with a {@code format} version) and a plain SameDiff
 * graph entry, written atomically.
 *
 * @param kind       what the archive holds ("generator", "translator"), for messages
 * @param metaEntry  the name of the properties entry
 * @param graphEntry the name of the graph entry
 * @param format     the format version written and accepted
 */
public record ModelArchive(String kind, String metaEntry, String graphEntry, int format) {

    /**
     * What an archive holds.
     *
     * @param metadata its properties
     * @param graph    its graph
     */
    public record Contents(Properties metadata, SameDiff graph) {
    }

    /**
     * Writes the archive atomically (a temporary file beside {@code file}, then renamed over it).
     *
     * @param file     the archive
     * @param metadata the properties; {@code format} is added
     * @param graph    the graph
     */
    public void write(Path file, Properties metadata, SameDiff graph) {
        Objects.requireNonNull(file, "file == null");
        // SameDiff.save(OutputStream) closes the stream it is given, so the graph is serialised to memory first
        ByteArrayOutputStream graphBytes = new ByteArrayOutputStream();
        graph.save(graphBytes, false);
        Properties p = new Properties();
        p.putAll(metadata);
        p.setProperty("format", Integer.toString(format));
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(metaEntry));
            p.store(zip, "gan4j " + kind);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(graphEntry));
            zip.write(graphBytes.toByteArray());
            zip.closeEntry();
            zip.finish();
        });
    }

    /**
     * @param file the archive
     * @return its properties and graph
     * @throws IllegalArgumentException if the file is not such an archive or of another format version
     */
    public Contents read(Path file) {
        Objects.requireNonNull(file, "file == null");
        byte[] meta;
        byte[] graphBytes;
        try {
            Map<String, byte[]> entries = BoundedZip.read(file, BoundedZip.defaultLimit());
            meta = entries.get(metaEntry);
            graphBytes = entries.get(graphEntry);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a readable gan4j " + kind + " archive: " + e.getMessage(), e);
        }
        if (meta == null || graphBytes == null) {
            throw new IllegalArgumentException(file + " is not a gan4j " + kind + " archive: it must hold " + metaEntry
                    + " and " + graphEntry);
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(meta, StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " has unreadable metadata: " + e.getMessage(), e);
        }
        String version = p.getProperty("format");
        if (!Integer.toString(format).equals(version)) {
            throw new IllegalArgumentException(file + " has " + kind + " format " + version + " but this gan4j reads format "
                    + format);
        }
        return new Contents(p, SameDiff.load(new ByteArrayInputStream(graphBytes), false));
    }

    /**
     * @param shape a shape
     * @return its sizes separated by commas, as metadata stores them
     */
    public static String dims(Shape shape) {
        return Arrays.toString(shape.dims()).replaceAll("[\\[\\] ]", "");
    }

    /**
     * Reads a shape written by {@link #dims(Shape)}: 1 to 4 sizes, each in [1, 1000000].
     *
     * @param file     the archive, for the message
     * @param metadata its properties
     * @param key      the property
     * @return the shape
     * @throws IllegalArgumentException naming the file, the property and its value when it is missing or malformed
     */
    public Shape shape(Path file, Properties metadata, String key) {
        String value = metadata.getProperty(key, "");
        if (!value.matches("[1-9][0-9]{0,5}(,[1-9][0-9]{0,5}){0,3}") ) {
            throw invalid(file, key, value, "1 to 4 sizes in [1, 1000000] separated by commas");
        }
        return Shape.of(Arrays.stream(value.split(",")).mapToLong(Long::parseLong).toArray());
    }

    /**
     * @param file     the archive, for the message
     * @param metadata its properties
     * @param key      the property
     * @param min      the smallest value allowed
     * @param max      the largest value allowed
     * @return the property as an integer
     * @throws IllegalArgumentException naming the file, the property and its value when it is missing, malformed or out
     *                                  of range
     */
    public int integer(Path file, Properties metadata, String key, int min, int max) {
        String value = metadata.getProperty(key, "");
        if (value.matches("-?[0-9]{1,9}")) {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) {
                return v;
            }
        }
        throw invalid(file, key, value, "an integer in [" + min + ", " + max + "]");
    }

    private IllegalArgumentException invalid(Path file, String key, String value, String expected) {
        return new IllegalArgumentException(file + " has invalid " + kind + " metadata: " + key + " '" + value
                + "' must be " + expected);
    }
}
