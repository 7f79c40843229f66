package org.gan4j.metrics.image;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bilinear resizing of a batch of images [n, c, h, w], identical to PyTorch's
 * {@code F.interpolate(x, size=(H, W), mode="bilinear", align_corners=False)} (no antialiasing), which is the resize
 * that pytorch-fid applies before InceptionV3.
 *
 * <p>Each output row y reads the source at s = max((y + ½)·h/H − ½, 0), blending rows ⌊s⌋ and min(⌊s⌋+1, h−1) with
 * weights 1−(s−⌊s⌋) and s−⌊s⌋; columns likewise. The interpolation is separable, so the batch is resized as two
 * matrix products, out = R_H · x · R_Wᵀ, with the interpolation matrices R_H [H, h] and R_W [W, w].
 *
 * @since 0.1.0
 */
public final class BilinearResize {
    private final int height;
    private final int width;

    /**
     * @param height the output height, &gt;= 1
     * @param width  the output width, &gt;= 1
     */
    public BilinearResize(int height, int width) {
        if (height < 1) {
            throw new IllegalArgumentException("height must be >= 1 but was " + height);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1 but was " + width);
        }
        this.height = height;
        this.width = width;
    }

    /**
     * @param images a batch [n, c, h, w]
     * @return the resized batch [n, c, height, width] in the input's floating-point type (the input itself when the
     *         size already matches)
     */
    public INDArray apply(INDArray images) {
        Objects.requireNonNull(images, "images == null");
        if (images.rank() != 4) {
            throw new IllegalArgumentException("images must have shape [n, c, h, w] but was " + Arrays.toString(images.shape()));
        }
        long n = images.size(0);
        long c = images.size(1);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        if (h == height && w == width) {
            return images;
        }
        DataType type = images.dataType().isFPType() ? images.dataType() : DataType.FLOAT;
        INDArray rows = weights(height, h, type);
        INDArray columnsT = weights(width, w, type).transpose();
        INDArray x = images.castTo(type).reshape('c', n * c * h, w);
        INDArray widened = x.mmul(columnsT).reshape('c', n * c, h, width);
        INDArray byRow = widened.permute(1, 0, 2).dup('c').reshape('c', h, n * c * width);
        INDArray resized = rows.mmul(byRow).reshape('c', height, n * c, width);
        return resized.permute(1, 0, 2).dup('c').reshape('c', n, c, height, width);
    }

    /** @return the interpolation matrix [out, in] (each row sums to 1) */
    static INDArray weights(int out, int in, DataType type) {
        double[][] r = new double[out][in];
        double scale = in / (double) out;
        for (int y = 0; y < out; y++) {
            double source = Math.max((y + 0.5) * scale - 0.5, 0.0);
            int lower = Math.min((int) Math.floor(source), in - 1);
            int upper = Math.min(lower + 1, in - 1);
            double fraction = source - lower;
            r[y][lower] += 1.0 - fraction;
            r[y][upper] += fraction;
        }
        return Nd4j.createFromArray(r).castTo(type);
    }

    @Override
    public String toString() {
        return "BilinearResize(" + height + "x" + width + ", align_corners=false)";
    }
}
