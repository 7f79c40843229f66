package org.gan4j.zoo;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;

/**
 * The architecture of a StyleGAN2 generator and discriminator (Karras, Laine, Aittala, Hellsten, Lehtinen and Aila,
 * "Analyzing and Improving the Image Quality of StyleGAN", CVPR 2020), in the form of the reference code
 * NVlabs/stylegan2-ada-pytorch {@code training/networks.py}:
 * <ul>
 *   <li><b>mapping</b>: z ↦ z·rsqrt(mean(z²) + 1e-8), then {@link #mappingLayers()} dense layers of
 *       {@link #wSize()} units with leaky ReLU 0.2 (gain √2) and learning-rate multiplier
 *       {@link #mappingLearningRateMultiplier()}; w is broadcast to {@link #numWs()} layer inputs;</li>
 *   <li><b>synthesis</b> ("skip"): a learned 4×4 constant, then per resolution 4, 8, …, {@link #resolution()} a block
 *       of modulated 3×3 convolutions with demodulation (the first of each block from 8×8 on upsampling: transposed
 *       convolution, stride 2, then the [1, 3, 3, 1] FIR filter), per-pixel noise with a learned strength, bias and
 *       leaky ReLU (gain √2), and a modulated 1×1 toRGB layer whose output is added to the FIR-upsampled image of the
 *       block before;</li>
 *   <li><b>discriminator</b> ("resnet"): fromRGB 1×1 at full resolution, then per resolution a block of a 3×3
 *       convolution and a downsampling 3×3 convolution (FIR filter, stride 2) beside a 1×1 downsampling skip
 *       convolution, both scaled by √½; at 4×4 a minibatch standard deviation layer (groups of
 *       {@link #minibatchStdGroup()}, one extra channel), a 3×3 convolution, a dense layer and a dense logit.</li>
 * </ul>
 * Every layer uses the equalized learning rate: weights are stored as N(0, 1)/lr_mul draws and scaled at run time by
 * lr_mul/√fan_in (Karras et al., "Progressive Growing of GANs", ICLR 2018, section 4.1). The channels at resolution
 * r are min({@link #channelBase()}/r, {@link #channelMax()}), for both networks, as in the reference code.
 *
 * <p>{@link #fashionMnist32()} is the zoo entry for 32×32 gray images (Fashion-MNIST padded to 32) at a width two
 * cores can train: 128 channels at every resolution, z and w of 128, 2 mapping layers (the reference CIFAR-10
 * configuration's depth; its width is 512).
 *
 * @since 0.1.0
 */
public final class StyleGan2 {
    /** The reference code's learning-rate multiplier of the mapping network. */
    public static final double MAPPING_LR_MULTIPLIER = 0.01;

    private final int resolution;
    private final int imageChannels;
    private final int latentSize;
    private final int wSize;
    private final int mappingLayers;
    private final double mappingLearningRateMultiplier;
    private final int channelBase;
    private final int channelMax;
    private final int minibatchStdGroup;

    private StyleGan2(Builder b) {
        this.resolution = b.resolution;
        this.imageChannels = b.imageChannels;
        this.latentSize = b.latentSize;
        this.wSize = b.wSize;
        this.mappingLayers = b.mappingLayers;
        this.mappingLearningRateMultiplier = b.mappingLearningRateMultiplier;
        this.channelBase = b.channelBase;
        this.channelMax = b.channelMax;
        this.minibatchStdGroup = b.minibatchStdGroup;
    }

    /** @return a new builder (defaults: those of {@link #fashionMnist32()}) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this architecture's settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.resolution = resolution;
        b.imageChannels = imageChannels;
        b.latentSize = latentSize;
        b.wSize = wSize;
        b.mappingLayers = mappingLayers;
        b.mappingLearningRateMultiplier = mappingLearningRateMultiplier;
        b.channelBase = channelBase;
        b.channelMax = channelMax;
        b.minibatchStdGroup = minibatchStdGroup;
        return b;
    }

    /**
     * The zoo entry for 32×32 gray images: z, w 128; 2 mapping layers; 128 channels at every resolution (channel base
     * 4096, maximum 128); minibatch-stddev groups of 4.
     *
     * @return the architecture
     */
    public static StyleGan2 fashionMnist32() {
        return builder().build();
    }

    /** @return the image side, a power of two from 8 to 1024 */
    public int resolution() {
        return resolution;
    }

    /** @return the image channels (1 gray, 3 RGB) */
    public int imageChannels() {
        return imageChannels;
    }

    /** @return the size of z */
    public int latentSize() {
        return latentSize;
    }

    /** @return the latent space of z: N(0, I) */
    public LatentSpace latent() {
        return LatentSpace.gaussian(latentSize);
    }

    /** @return the size of w */
    public int wSize() {
        return wSize;
    }

    /** @return the dense layers of the mapping network */
    public int mappingLayers() {
        return mappingLayers;
    }

    /** @return the mapping network's learning-rate multiplier */
    public double mappingLearningRateMultiplier() {
        return mappingLearningRateMultiplier;
    }

    /** @return the channel base: resolution r has min(base/r, max) channels */
    public int channelBase() {
        return channelBase;
    }

    /** @return the most channels of any resolution */
    public int channelMax() {
        return channelMax;
    }

    /** @return the minibatch standard deviation layer's group size */
    public int minibatchStdGroup() {
        return minibatchStdGroup;
    }

    /** @return the number of synthesis blocks: log2(resolution) − 1 (4×4 up to the full size) */
    public int blocks() {
        return Integer.numberOfTrailingZeros(resolution) - 1;
    }

    /** @return the resolutions of the synthesis blocks, 4 up to the full size */
    public List<Integer> blockResolutions() {
        List<Integer> r = new ArrayList<>();
        for (int res = 4; res <= resolution; res *= 2) {
            r.add(res);
        }
        return r;
    }

    /**
     * @return the number of w inputs of the synthesis network: one per convolution and one for the last toRGB (each
     *         toRGB shares the w of the next block's first convolution), 2·log2(resolution) − 2
     */
    public int numWs() {
        return 2 * blocks();
    }

    /**
     * @param res a resolution of the networks
     * @return its channels, min(channelBase/res, channelMax)
     */
    public int channels(int res) {
        return Math.min(channelBase / res, channelMax);
    }

    /** @return the shape of one image, [channels, resolution, resolution] */
    public Shape imageShape() {
        return Shape.of(imageChannels, resolution, resolution);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StyleGan2 s && toString().equals(s.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "StyleGan2(resolution=" + resolution + ", imageChannels=" + imageChannels + ", latentSize=" + latentSize
                + ", wSize=" + wSize + ", mappingLayers=" + mappingLayers + ", mappingLrMultiplier="
                + mappingLearningRateMultiplier + ", channelBase=" + channelBase + ", channelMax=" + channelMax
                + ", minibatchStdGroup=" + minibatchStdGroup + ")";
    }

    /** Fluent builder of {@link StyleGan2}; each setter checks its argument. */
    public static final class Builder {
        private int resolution = 32;
        private int imageChannels = 1;
        private int latentSize = 128;
        private int wSize = 128;
        private int mappingLayers = 2;
        private double mappingLearningRateMultiplier = MAPPING_LR_MULTIPLIER;
        private int channelBase = 4096;
        private int channelMax = 128;
        private int minibatchStdGroup = 4;

        private Builder() {
        }

        /**
         * @param resolution the image side, a power of two from 8 to 1024 (default 32)
         * @return this builder
         */
        public Builder resolution(int resolution) {
            if (resolution < 8 || resolution > 1024 || Integer.bitCount(resolution) != 1) {
                throw new IllegalArgumentException("resolution must be a power of two from 8 to 1024 but was " + resolution);
            }
            this.resolution = resolution;
            return this;
        }

        /**
         * @param channels the image channels, 1 to 4 (default 1)
         * @return this builder
         */
        public Builder imageChannels(int channels) {
            this.imageChannels = positive("imageChannels", channels, 4);
            return this;
        }

        /**
         * @param size the size of z, 1 to 4096 (default 128)
         * @return this builder
         */
        public Builder latentSize(int size) {
            this.latentSize = positive("latentSize", size, 4096);
            return this;
        }

        /**
         * @param size the size of w, 1 to 4096 (default 128)
         * @return this builder
         */
        public Builder wSize(int size) {
            this.wSize = positive("wSize", size, 4096);
            return this;
        }

        /**
         * @param layers the mapping network's dense layers, 1 to 16 (default 2; the paper's FFHQ networks use 8)
         * @return this builder
         */
        public Builder mappingLayers(int layers) {
            this.mappingLayers = positive("mappingLayers", layers, 16);
            return this;
        }

        /**
         * @param multiplier the mapping network's learning-rate multiplier, in (0, 1] (default 0.01)
         * @return this builder
         */
        public Builder mappingLearningRateMultiplier(double multiplier) {
            if (!(multiplier > 0 && multiplier <= 1)) {
                throw new IllegalArgumentException("mappingLearningRateMultiplier must be in (0, 1] but was " + multiplier);
            }
            this.mappingLearningRateMultiplier = multiplier;
            return this;
        }

        /**
         * Sets the channels: resolution r gets min(base/r, max).
         *
         * @param base the channel base, 4 to 2^20 (default 4096)
         * @param max  the most channels, 1 to 1024 (default 128)
         * @return this builder
         */
        public Builder channels(int base, int max) {
            this.channelBase = positive("channelBase", base, 1 << 20);
            if (base < 4) {
                throw new IllegalArgumentException("channelBase must be >= 4 but was " + base);
            }
            this.channelMax = positive("channelMax", max, 1024);
            return this;
        }

        /**
         * @param group the minibatch standard deviation layer's group size, 2 to 64; the batch must be a multiple
         *              of it (default 4)
         * @return this builder
         */
        public Builder minibatchStdGroup(int group) {
            if (group < 2 || group > 64) {
                throw new IllegalArgumentException("minibatchStdGroup must be in [2, 64] but was " + group);
            }
            this.minibatchStdGroup = group;
            return this;
        }

        /**
         * @return the architecture
         * @throws IllegalArgumentException if a resolution would get no channel
         */
        public StyleGan2 build() {
            if (channelBase / resolution < 1) {
                throw new IllegalArgumentException("channelBase " + channelBase + " gives resolution " + resolution
                        + " no channel: it must be >= the resolution");
            }
            return new StyleGan2(this);
        }

        private static int positive(String name, int value, int max) {
            if (value < 1 || value > max) {
                throw new IllegalArgumentException(name + " must be in [1, " + max + "] but was " + value);
            }
            return value;
        }
    }
}
