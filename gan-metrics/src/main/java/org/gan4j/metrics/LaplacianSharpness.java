package org.gan4j.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Image sharpness as the variance of the Laplacian (Pech-Pacheco et al., "Diatom autofocusing in brightfield
 * microscopy: a comparative study", ICPR 2000; the usual blur measure): each channel of each image is filtered with
 * the 4-neighbour Laplacian
 * <pre>
 *   ΔI(y, x) = I(y−1, x) + I(y+1, x) + I(y, x−1) + I(y, x+1) − 4·I(y, x)
 * </pre>
 * over its interior pixels (no padding: (h − 2)·(w − 2) values), the population variance of those values is taken,
 * and the mean over images and channels is reported. Blurry images (a VAE's) score low, noisy ones high; compare
 * against the same measure of real images in the same pixel range. Pixel values are used as given.
 *
 * @param mean   the mean variance of the Laplacian over the images and channels
 * @param std    the standard deviation of the per-image, per-channel variances
 * @param images the number of images
 *
 * @since 0.1.0
 */
public record LaplacianSharpness(double mean, double std, int images) {

    /**
     * @param images images [n, channels, height, width], height and width &gt;= 3
     * @return the sharpness
     */
    public static LaplacianSharpness of(INDArray images) {
        Objects.requireNonNull(images, "images == null");
        long[] s = images.shape();
        if (s.length != 4 || s[0] < 1 || s[2] < 3 || s[3] < 3) {
            throw new IllegalArgumentException("images must have shape [n >= 1, channels, height >= 3, width >= 3] but was "
                    + Arrays.toString(s));
        }
        int n = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        double[] pixels = images.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] variances = new double[n * c];
        for (int plane = 0; plane < n * c; plane++) {
            variances[plane] = laplacianVariance(pixels, plane * h * w, h, w);
        }
        double mean = Arrays.stream(variances).average().orElseThrow();
        double spread = Arrays.stream(variances).map(v -> (v - mean) * (v - mean)).sum() / variances.length;
        return new LaplacianSharpness(mean, Math.sqrt(spread), n);
    }

    /** The population variance of the Laplacian over the interior of one plane. */
    static double laplacianVariance(double[] p, int offset, int h, int w) {
        double sum = 0;
        double sumSquares = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = offset + y * w + x;
                double l = p[i - w] + p[i + w] + p[i - 1] + p[i + 1] - 4 * p[i];
                sum += l;
                sumSquares += l * l;
            }
        }
        int count = (h - 2) * (w - 2);
        double mean = sum / count;
        return Math.max(0, sumSquares / count - mean * mean);
    }
}
