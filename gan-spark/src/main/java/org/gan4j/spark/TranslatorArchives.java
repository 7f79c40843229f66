package org.gan4j.spark;

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
        TranslatorModel model = MODELS.get().computeIfAbsent(ExecutorModels.sha256(archive),
                key -> Archives.load(archive, "translator", TranslatorModel::load));
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
        Archives.requireLoadable(archive, "translator", TranslatorModel::load);
    }
}
