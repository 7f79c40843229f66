package org.gan4j.dl4j.internal.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.Shape;
import org.gan4j.augment.DiffAugment;
import org.gan4j.augment.DiffAugment.Op;
import org.gan4j.dl4j.internal.graph.AugmentGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws DiffAugment's per-sample parameters ({@link DiffAugment}, {@link AugmentGraph}) into preallocated
 * placeholder arrays. Each fill draws from a generator seeded by (seed, fill counter), so the counter alone restores
 * the stream on resume.
 */
public final class AugmentSampler {
    private final DiffAugment policy;
    private final Shape sample;
    private final int batch;
    private final long seed;
    private long fills;
    private final float[] brightness;
    private final float[] saturation;
    private final float[] contrast;
    private final float[] rows;
    private final float[] columns;
    private final float[] mask;

    /**
     * @param policy the policy
     * @param sample the shape of one image [C, H, W]
     * @param batch  the batch size
     * @param seed   the stream's seed
     */
    public AugmentSampler(DiffAugment policy, Shape sample, int batch, long seed) {
        this.policy = policy;
        this.sample = sample;
        this.batch = batch;
        this.seed = seed;
        int c = (int) sample.dim(0);
        int h = (int) sample.dim(1);
        int w = (int) sample.dim(2);
        brightness = new float[batch];
        saturation = new float[batch];
        contrast = new float[batch];
        rows = policy.has(Op.TRANSLATION) ? new float[batch * c * h * h] : null;
        columns = policy.has(Op.TRANSLATION) ? new float[batch * c * w * w] : null;
        mask = policy.has(Op.CUTOUT) ? new float[batch * h * w] : null;
    }

    /**
     * @param prefix the placeholders' name prefix
     * @return zero-filled arrays for the placeholders of one augmented batch, by name
     */
    public Map<String, INDArray> allocate(String prefix) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        AugmentGraph.placeholders(policy, prefix, sample, batch).forEach((name, shape) ->
                arrays.put(name, Nd4j.create(DataType.FLOAT, shape)));
        return arrays;
    }

    /**
     * Draws one batch's parameters, each op applied to each sample with probability p.
     *
     * @param arrays      arrays from {@link #allocate} with the same prefix
     * @param prefix      their prefix
     * @param probability p
     */
    public void fill(Map<String, INDArray> arrays, String prefix, double probability) {
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * ++fills));
        int c = (int) sample.dim(0);
        int h = (int) sample.dim(1);
        int w = (int) sample.dim(2);
        if (rows != null) {
            java.util.Arrays.fill(rows, 0f);
            java.util.Arrays.fill(columns, 0f);
        }
        if (mask != null) {
            java.util.Arrays.fill(mask, 1f);
        }
        int shiftH = (int) (h * 0.125 + 0.5);
        int shiftW = (int) (w * 0.125 + 0.5);
        int cutH = (int) (h * 0.5 + 0.5);
        int cutW = (int) (w * 0.5 + 0.5);
        for (int b = 0; b < batch; b++) {
            if (policy.has(Op.COLOR)) {
                boolean on = random.nextDouble() < probability;
                double r1 = random.nextDouble();
                double r2 = random.nextDouble();
                double r3 = random.nextDouble();
                brightness[b] = on ? (float) (r1 - 0.5) : 0f;
                saturation[b] = on ? (float) (r2 * 2) : 1f;
                contrast[b] = on ? (float) (r3 + 0.5) : 1f;
            }
            if (rows != null) {
                boolean on = random.nextDouble() < probability;
                int th = random.nextInt(-shiftH, shiftH + 1);
                int tw = random.nextInt(-shiftW, shiftW + 1);
                shifts(rows, columns, b, c, h, w, on ? th : 0, on ? tw : 0);
            }
            if (mask != null) {
                boolean on = random.nextDouble() < probability;
                int centreH = random.nextInt(0, h + 1 - cutH % 2);
                int centreW = random.nextInt(0, w + 1 - cutW % 2);
                if (on) {
                    int top = centreH - cutH / 2;
                    int left = centreW - cutW / 2;
                    for (int i = Math.max(0, top); i <= Math.min(h - 1, top + cutH - 1); i++) {
                        for (int j = Math.max(0, left); j <= Math.min(w - 1, left + cutW - 1); j++) {
                            mask[(b * h + i) * w + j] = 0f;
                        }
                    }
                }
            }
        }
        copy(arrays, prefix + "/" + AugmentGraph.BRIGHTNESS, brightness);
        copy(arrays, prefix + "/" + AugmentGraph.SATURATION, saturation);
        copy(arrays, prefix + "/" + AugmentGraph.CONTRAST, contrast);
        copy(arrays, prefix + "/" + AugmentGraph.ROWS, rows);
        copy(arrays, prefix + "/" + AugmentGraph.COLUMNS, columns);
        copy(arrays, prefix + "/" + AugmentGraph.MASK, mask);
    }

    private static void copy(Map<String, INDArray> arrays, String name, float[] values) {
        INDArray target = arrays.get(name);
        if (target != null) {
            target.data().setData(values);
        }
    }

    /** Output row i reads input row i + th, output column j input column j + tw; outside the image: zero. */
    private static void shifts(float[] rows, float[] columns, int b, int c, int h, int w, int th, int tw) {
        for (int ch = 0; ch < c; ch++) {
            int rowBase = (b * c + ch) * h * h;
            for (int i = 0; i < h; i++) {
                if (i + th >= 0 && i + th < h) {
                    rows[rowBase + i * h + i + th] = 1f;
                }
            }
            int columnBase = (b * c + ch) * w * w;
            for (int j = 0; j < w; j++) {
                if (j + tw >= 0 && j + tw < w) {
                    columns[columnBase + (j + tw) * w + j] = 1f;
                }
            }
        }
    }

    /** @return the number of batches drawn (the stream's state) */
    public long fills() {
        return fills;
    }

    /** @param fills the state saved by {@link #fills()} */
    public void restoreFills(long fills) {
        this.fills = fills;
    }
}
