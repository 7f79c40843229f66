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
 * A saved model: one zip archive, written atomically, holding a properties entry (with a {@code format} version), a
 * plain SameDiff graph entry (for any SameDiff program) and, for networks built from layers, the network's spec as
 * JSON ({@value #NETWORK_ENTRY}) with its arrays as {@code .npy} entries ({@link WeightEntries}). gan4j loads a model
 * from the spec and the arrays, checked in Java, whenever they are there; only archives without them (custom graph
 * networks, and format 1) are loaded by deserialising the SameDiff graph in native code.
 *
 * @param kind       what the archive holds ("generator", "translator", "VAE"), for messages
 * @param metaEntry  the name of the properties entry
 * @param graphEntry the name of the graph entry
 * @param format     the newest format version, written; every version from 1 up to it is read
 *
 * @since 0.1.0
 */
public record ModelArchive(String kind, String metaEntry, String graphEntry, int format) {
    /** The entry holding the network spec as JSON. */
    public static final String NETWORK_ENTRY = "network.json";

    /**
     * What an archive holds.
     *
     * @param file     the archive, for messages
     * @param metadata its properties
     * @param entries  every entry's bytes
     * @param kind     what the archive holds
     * @param graphEntry the name of the graph entry
     */
    public record Contents(Path file, Properties metadata, Map<String, byte[]> entries, String kind, String graphEntry) {
        /** @return whether the archive holds the network's spec and arrays (loaded without native deserialisation) */
        public boolean hasSpec() {
            return entries.containsKey(NETWORK_ENTRY);
        }

        /**
         * @return the network spec entry, parsed
         * @throws IllegalArgumentException if it is not JSON
         */
        public com.fasterxml.jackson.databind.JsonNode spec() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(entries.get(NETWORK_ENTRY));
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": " + NETWORK_ENTRY + " is not valid JSON: " + e.getMessage(), e);
            }
        }

        /**
         * Deserialises the SameDiff graph entry in native code: only for archives without a spec, from trusted sources.
         *
         * @return the graph
         * @throws IllegalArgumentException if the archive has no graph entry or SameDiff cannot read it
         */
        public SameDiff graph() {
            byte[] bytes = entries.get(graphEntry);
            if (bytes == null) {
                throw new IllegalArgumentException(file + " is not a gan4j " + kind + " archive: it must hold " + graphEntry);
            }
            try {
                return SameDiff.load(new ByteArrayInputStream(bytes), false);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ": " + graphEntry + " is not a readable SameDiff graph: " + e, e);
            }
        }
    }

    /**
     * Writes the archive atomically (a temporary file beside {@code file}, then renamed over it).
     *
     * @param file     the archive
     * @param metadata the properties; {@code format} is added
     * @param graph    the graph
     * @param extra    further entries (the spec and the arrays), in order
     */
    public void write(Path file, Properties metadata, SameDiff graph, Map<String, byte[]> extra) {
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
            for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * Reads every entry (bounded, see {@link BoundedZip}) and the metadata; nothing reaches native code here.
     *
     * @param file the archive
     * @return its contents
     * @throws IllegalArgumentException if the file is not such an archive or of an unknown format version
     */
    public Contents read(Path file) {
        Objects.requireNonNull(file, "file == null");
        Map<String, byte[]> entries;
        try {
            entries = BoundedZip.read(file, BoundedZip.defaultLimit());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a readable gan4j " + kind + " archive: " + e.getMessage(), e);
        }
        byte[] meta = entries.get(metaEntry);
        if (meta == null) {
            throw new IllegalArgumentException(file + " is not a gan4j " + kind + " archive: it must hold " + metaEntry);
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(meta, StandardCharsets.ISO_8859_1)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " has unreadable metadata: " + e.getMessage(), e);
        }
        String version = p.getProperty("format", "");
        if (!version.matches("[1-9]") || Integer.parseInt(version) > format) {
            throw new IllegalArgumentException(file + " has " + kind + " format '" + version + "' but this gan4j reads formats 1"
                    + " to " + format);
        }
        return new Contents(file, p, entries, kind, graphEntry);
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
