package org.gan4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Saved models travel as bytes (broadcast) and load from files: this stages the bytes in a temporary file for the
 * model's own loader (which validates the archive before any byte reaches native code) and removes it afterwards.
 */
final class Archives {
    private Archives() {
    }

    /**
     * @param archive the model's bytes
     * @param kind    "generator" or "translator", for the file name and messages
     * @param loader  the model's loader, e.g. {@code GeneratorModel::load}
     * @return the loaded model
     */
    static <T> T load(byte[] archive, String kind, Function<Path, T> loader) {
        try {
            Path file = Files.createTempFile("gan4j-" + kind, ".zip");
            try {
                Files.write(file, archive);
                return loader.apply(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the " + kind + " archive for loading", e);
        }
    }

    /**
     * Loads the archive once on the driver, so that a corrupt file fails before any task starts.
     *
     * @throws IllegalArgumentException naming the archive's size and the loader's reason
     */
    static <T> void requireLoadable(byte[] archive, String kind, Function<Path, T> loader) {
        try {
            load(archive, kind, loader);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the " + kind + " archive (" + archive.length + " bytes) cannot be loaded: "
                    + e.getMessage(), e);
        }
    }
}
