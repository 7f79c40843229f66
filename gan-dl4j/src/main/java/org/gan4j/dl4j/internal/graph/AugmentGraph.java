package org.gan4j.dl4j.internal.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.Shape;
import org.gan4j.augment.DiffAugment;
import org.gan4j.augment.DiffAugment.Op;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * DiffAugment's ops ({@link DiffAugment}) as differentiable graph operations on a batch [B, C, H, W], each sample's
 * parameters read from placeholders that {@link org.gan4j.dl4j.internal.data.AugmentSampler} fills before each step:
 * <ul>
 *   <li>colour: x + b, then (x − x̄_c)·s + x̄_c (more than one channel), then (x − x̄)·k + x̄, with b, s, k [B, 1, 1, 1];</li>
 *   <li>translation: R·x·T per sample and channel, with R [B, C, H, H] and T [B, C, W, W] 0/1 shift matrices (a row
 *       of R selects the source row; zero rows fill with zeros), so the gradient is the transposed shift;</li>
 *   <li>cutout: x·m with the 0/1 mask m [B, 1, H, W].</li>
 * </ul>
 * Identity parameters (b = 0, s = k = 1, R = T = I, m = 1) leave a sample unchanged.
 */
public final class AugmentGraph {
    /** Placeholder prefix of the real batch's augmentation (discriminator phase). */
    public static final String REAL_BATCH = "aug_real";
    /** Placeholder prefix of the generated batch's augmentation in the discriminator phase. */
    public static final String FAKE_BATCH = "aug_fake";
    /** Placeholder prefix of the generated batch's augmentation in the generator phase. */
    public static final String GENERATED_BATCH = "aug_generated";
    /** The discriminator-phase output E[sign(D(T(x_real)))], read by the ADA controller. */
    public static final String REAL_SIGNS = "ada_real_signs";
    /** Brightness offsets b [B, 1, 1, 1]. */
    public static final String BRIGHTNESS = "brightness";
    /** Saturation factors s [B, 1, 1, 1]. */
    public static final String SATURATION = "saturation";
    /** Contrast factors k [B, 1, 1, 1]. */
    public static final String CONTRAST = "contrast";
    /** Row selection matrices R [B, C, H, H]. */
    public static final String ROWS = "rows";
    /** Column selection matrices T [B, C, W, W]. */
    public static final String COLUMNS = "columns";
    /** Cutout masks m [B, 1, H, W]. */
    public static final String MASK = "mask";

    private AugmentGraph() {
    }

    /**
     * @param policy the policy
     * @param prefix the placeholders' name prefix
     * @param sample the shape of one image [C, H, W]
     * @param batch  the batch size
     * @return the shapes of the placeholders the policy reads, by full name
     */
    public static Map<String, long[]> placeholders(DiffAugment policy, String prefix, Shape sample, int batch) {
        long c = sample.dim(0);
        long h = sample.dim(1);
        long w = sample.dim(2);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        if (policy.has(Op.COLOR)) {
            shapes.put(prefix + "/" + BRIGHTNESS, new long[] {batch, 1, 1, 1});
            if (c > 1) {
                shapes.put(prefix + "/" + SATURATION, new long[] {batch, 1, 1, 1});
            }
            shapes.put(prefix + "/" + CONTRAST, new long[] {batch, 1, 1, 1});
        }
        if (policy.has(Op.TRANSLATION)) {
            shapes.put(prefix + "/" + ROWS, new long[] {batch, c, h, h});
            shapes.put(prefix + "/" + COLUMNS, new long[] {batch, c, w, w});
        }
        if (policy.has(Op.CUTOUT)) {
            shapes.put(prefix + "/" + MASK, new long[] {batch, 1, h, w});
        }
        return shapes;
    }

    /**
     * Adds the augmentation of {@code x} to the graph.
     *
     * @param sd     the graph
     * @param x      the batch [B, C, H, W]
     * @param policy the policy
     * @param prefix the placeholders' name prefix
     * @param sample the shape of one image
     * @param batch  the batch size
     * @return T(x)
     */
    public static SDVariable apply(SameDiff sd, SDVariable x, DiffAugment policy, String prefix, Shape sample, int batch) {
        Map<String, SDVariable> p = new LinkedHashMap<>();
        placeholders(policy, prefix, sample, batch).forEach((name, shape) ->
                p.put(name.substring(prefix.length() + 1), sd.placeHolder(name, x.dataType(), shape)));
        SDVariable y = x;
        if (policy.has(Op.COLOR)) {
            y = y.add(p.get(BRIGHTNESS));
            if (p.containsKey(SATURATION)) {
                SDVariable channelMean = y.mean(true, 1);
                y = y.sub(channelMean).mul(p.get(SATURATION)).add(channelMean);
            }
            SDVariable imageMean = y.mean(true, 1, 2, 3);
            y = y.sub(imageMean).mul(p.get(CONTRAST)).add(imageMean);
        }
        if (policy.has(Op.TRANSLATION)) {
            y = sd.mmul(sd.mmul(p.get(ROWS), y), p.get(COLUMNS));
        }
        if (policy.has(Op.CUTOUT)) {
            y = y.mul(p.get(MASK));
        }
        return y;
    }
}
