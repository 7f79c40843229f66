package org.gan4j.layer;

import org.gan4j.Shape;

/**
 * A 2-D transposed convolution ("deconvolution") over channels-first images with a square kernel;
 * output size (in − 1)·stride − 2·padding + kernel.
 *
 * @param filters the number of output channels
 * @param kernel  the kernel size
 * @param stride  the stride
 * @param padding the padding removed on each side
 * @param bias         whether a bias per output channel is added
 * @param spectralNorm whether the kernel is spectrally normalized ({@link WeightedLayer#spectralNorm()})
 *
 * @since 0.1.0
 */
public record Deconv2d(int filters, int kernel, int stride, int padding, boolean bias, boolean spectralNorm)
        implements WeightedLayer {
    /**
     * Validates the components.
     *
     * @param filters the number of output channels
     * @param kernel  the kernel size
     * @param stride  the stride
     * @param padding the padding removed on each side
     * @param bias         whether a bias per output channel is added
     * @param spectralNorm whether the kernel is spectrally normalized
     */
    public Deconv2d {
        LayerSpec.requirePositive("filters", filters);
        LayerSpec.requirePositive("kernel", kernel);
        LayerSpec.requirePositive("stride", stride);
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0 but was " + padding);
        }
    }

    /**
     * The layer without spectral normalization.
     *
     * @param filters the number of output channels
     * @param kernel  the kernel size
     * @param stride  the stride
     * @param padding the padding removed on each side
     * @param bias    whether a bias per output channel is added
     */
    public Deconv2d(int filters, int kernel, int stride, int padding, boolean bias) {
        this(filters, kernel, stride, padding, bias, false);
    }

    @Override
    public Deconv2d withoutBias() {
        return new Deconv2d(filters, kernel, stride, padding, false, spectralNorm);
    }

    @Override
    public Deconv2d spectrallyNormalized() {
        return new Deconv2d(filters, kernel, stride, padding, bias, true);
    }

    @Override
    public int outputs() {
        return filters;
    }

    @Override
    public Shape outputShape(Shape input) {
        LayerSpec.requireRank(this, input, 3, "[channels, height, width]");
        long h = (input.dim(1) - 1) * stride - 2L * padding + kernel;
        long w = (input.dim(2) - 1) * stride - 2L * padding + kernel;
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException(this + " would produce an empty output from " + input);
        }
        return Shape.of(filters, h, w);
    }

    @Override
    public String toString() {
        return "deconv2d(" + filters + ", k" + kernel + " s" + stride + " p" + padding + markers() + ")";
    }
}
