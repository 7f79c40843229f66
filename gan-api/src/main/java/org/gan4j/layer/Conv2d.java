package org.gan4j.layer;

import org.gan4j.Shape;

/**
 * A 2-D convolution over channels-first images [channels, height, width] with a square kernel;
 * output size floor((in + 2·padding − kernel) / stride) + 1.
 *
 * @param filters the number of output channels
 * @param kernel  the kernel size
 * @param stride  the stride
 * @param padding the zero padding on each side
 * @param bias         whether a bias per output channel is added
 * @param spectralNorm whether the kernel is spectrally normalized ({@link WeightedLayer#spectralNorm()})
 *
 * @since 0.1.0
 */
public record Conv2d(int filters, int kernel, int stride, int padding, boolean bias, boolean spectralNorm)
        implements WeightedLayer {
    /**
     * Validates the components.
     *
     * @param filters the number of output channels
     * @param kernel  the kernel size
     * @param stride  the stride
     * @param padding the zero padding on each side
     * @param bias         whether a bias per output channel is added
     * @param spectralNorm whether the kernel is spectrally normalized
     */
    public Conv2d {
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
     * @param padding the zero padding on each side
     * @param bias    whether a bias per output channel is added
     */
    public Conv2d(int filters, int kernel, int stride, int padding, boolean bias) {
        this(filters, kernel, stride, padding, bias, false);
    }

    @Override
    public Conv2d withoutBias() {
        return new Conv2d(filters, kernel, stride, padding, false, spectralNorm);
    }

    @Override
    public Conv2d spectrallyNormalized() {
        return new Conv2d(filters, kernel, stride, padding, bias, true);
    }

    @Override
    public int outputs() {
        return filters;
    }

    @Override
    public Shape outputShape(Shape input) {
        LayerSpec.requireRank(this, input, 3, "[channels, height, width]");
        long h = (input.dim(1) + 2L * padding - kernel) / stride + 1;
        long w = (input.dim(2) + 2L * padding - kernel) / stride + 1;
        if (input.dim(1) + 2L * padding < kernel || input.dim(2) + 2L * padding < kernel) {
            throw new IllegalArgumentException(this + " needs a padded input of at least " + kernel + "x" + kernel
                    + " but got " + input);
        }
        return Shape.of(filters, h, w);
    }

    @Override
    public String toString() {
        return "conv2d(" + filters + ", k" + kernel + " s" + stride + " p" + padding + markers() + ")";
    }
}
