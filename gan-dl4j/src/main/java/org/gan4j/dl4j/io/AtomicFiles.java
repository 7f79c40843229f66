package org.gan4j.dl4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that readers never see a half-written one: the content goes to a temporary file in the same
 * directory, which is then renamed over the target in one atomic step. A failure leaves the previous file intact.
 *
 * @since 0.1.0
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the stream; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a file atomically.
     *
     * @param file    the target
     * @param content what to write
     * @throws UncheckedIOException if the file cannot be written; the previous file, if any, is unchanged
     */
    public static void write(Path file, Content content) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                    content.writeTo(out);
                }
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes bytes atomically.
     *
     * @param file  the target
     * @param bytes the content
     */
    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }
}
