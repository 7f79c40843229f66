package org.gan4j.dl4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads every entry of a zip archive into memory with the sizes bounded before and while reading: the central
 * directory's declared sizes must be known and sum to at most a limit (by default half the JVM's maximum heap), and
 * each entry's decompressed bytes are counted as they arrive and must match its declared size and CRC-32 exactly
 * ({@link java.util.zip.ZipFile} alone checks neither for deflated entries). A zip bomb
 * (a small archive that inflates to gigabytes) is refused before its data is inflated, and an entry that inflates to
 * more than it declares is refused at the first byte over.
 *
 * @since 0.1.0
 */
public final class BoundedZip {
    private BoundedZip() {
    }

    /** @return the default limit on the decompressed bytes of one archive: half the JVM's maximum heap */
    public static long defaultLimit() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /**
     * @param file  the archive
     * @param limit the most decompressed bytes all entries together may hold
     * @return each entry's bytes by name, in the archive's order
     * @throws IOException              if the archive cannot be read as a zip file (no central directory: truncated)
     * @throws IllegalArgumentException naming the file and entry when a size is unknown, over the limit, or not the
     *                                  size the entry declares
     */
    public static Map<String, byte[]> read(Path file, long limit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long total = 0;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                long size = entry.getSize();
                if (size < 0 || size > NpyFormat.MAX_ELEMENTS) {
                    throw new IllegalArgumentException(file + ": entry " + entry.getName() + " declares "
                            + (size < 0 ? "no size" : size + " bytes, more than one entry may hold"));
                }
                total += size;
                if (total > limit) {
                    throw new IllegalArgumentException(file + ": entries up to " + entry.getName() + " declare " + total
                            + " decompressed bytes, more than the limit of " + limit
                            + " (half the JVM's maximum heap); not read");
                }
            }
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entries.containsKey(entry.getName())) {
                    throw new IllegalArgumentException(file + ": entry " + entry.getName() + " appears twice");
                }
                entries.put(entry.getName(), readExactly(zip, entry, file));
            }
        }
        return entries;
    }

    private static byte[] readExactly(ZipFile zip, ZipEntry entry, Path file) throws IOException {
        int size = (int) entry.getSize();
        byte[] bytes = new byte[size];
        try (InputStream in = zip.getInputStream(entry)) {
            int read = in.readNBytes(bytes, 0, size);
            if (read != size || in.read() != -1) {
                throw new IllegalArgumentException(file + ": entry " + entry.getName() + " declares " + size
                        + " bytes but inflates to " + (read != size ? read : "more"));
            }
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw new IllegalArgumentException(file + ": entry " + entry.getName() + " fails its CRC-32 check (damaged)");
        }
        return bytes;
    }
}
