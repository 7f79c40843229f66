package org.gan4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.gan4j.dl4j.TranslatorModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CycleGAN translators on the executors: one per task thread and archive (by SHA-256; loaded through
 * {@link TranslatorModel#load}, which validates the archive), inputs checked against the translator's input shape and
 * range in Java before they reach native code.
 */
final class TranslatorArchives {
    private static final ThreadLocal<Map<String, TranslatorModel>> MODELS = ThreadLocal.withInitial(HashMap::new);

    private TranslatorArchives() {
    }

    static INDArray translate(byte[] archive, ImageChunk chunk, int partition, int record) {
        TranslatorModel model = MODELS.get().computeIfAbsent(ExecutorModels.sha256(archive), key -> load(archive));
        String where = "partition " + partition + ", record " + record + " (images " + chunk.firstIndex() + ".."
                + (chunk.firstIndex() + chunk.count() - 1) + ")";
        long[] expected = model.inputShape().dims();
        if (!Arrays.equals(expected, chunk.shape())) {
            throw new IllegalArgumentException(where + ": image shape " + Arrays.toString(chunk.shape())
                    + " differs from the translator's input " + Arrays.toString(expected));
        }
        float[] pixels = chunk.pixels();
        for (int i = 0; i < pixels.length; i++) {
            if (!(pixels[i] >= -1f && pixels[i] <= 1f)) {
                throw new IllegalArgumentException(where + ": pixel " + i + " holds " + pixels[i]
                        + "; pixels must be finite and in [-1, 1]");
            }
        }
        return model.translate(chunk.images());
    }

    static void requireLoadable(byte[] archive) {
        try {
            load(archive);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the translator archive (" + archive.length + " bytes) cannot be loaded: "
                    + e.getMessage(), e);
        }
    }

    private static TranslatorModel load(byte[] archive) {
        try {
            Path file = Files.createTempFile("gan4j-translator", ".zip");
            try {
                Files.write(file, archive);
                return TranslatorModel.load(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the translator archive for loading", e);
        }
    }
}
