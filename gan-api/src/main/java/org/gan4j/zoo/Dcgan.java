package org.gan4j.zoo;

import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;

/**
 * The DCGAN of Radford, Metz and Chintala ("Unsupervised Representation Learning with Deep Convolutional Generative
 * Adversarial Networks", ICLR 2016), sized for 28×28 grayscale images such as Fashion-MNIST:
 * <ul>
 *   <li>G: z(100) → dense 6272 (no bias) → reshape 128×7×7 → BN → ReLU → deconv 128→64 (k4 s2 p1, no bias) → BN →
 *       ReLU → deconv 64→1 (k4 s2 p1) → tanh;</li>
 *   <li>D: conv 1→64 (k4 s2 p1) → LeakyReLU 0.2 → conv 64→128 (k4 s2 p1, no bias) → BN → LeakyReLU 0.2 →
 *       flatten 6272 → dense 1 (logit).</li>
 * </ul>
 * Train with Adam(2e-4, β1 = 0.5, β2 = 0.999) for both networks and the non-saturating loss, batch 64.
 *
 * @since 0.1.0
 */
public final class Dcgan {
    /** The latent size. */
    public static final int LATENT_SIZE = 100;

    private Dcgan() {
    }

    /** @return the 28×28×1 DCGAN generator with a N(0, I) latent space of size 100 */
    public static Generator generator() {
        return Generator.builder()
                .latent(LatentSpace.gaussian(LATENT_SIZE))
                .dense(128 * 7 * 7).withoutBias().reshape(128, 7, 7).batchNorm().relu()
                .deconv2d(64, 4, 2, 1).withoutBias().batchNorm().relu()
                .deconv2d(1, 4, 2, 1).tanh()
                .build();
    }

    /**
     * The DCGAN generator for square images of any power-of-two size from 8 to 256 and any channel count, in the
     * paper's pattern (Radford et al., 2016, Figure 1): z(100) → dense to 4×4 maps → batch norm, ReLU → transposed
     * convolutions 4×4 stride 2 padding 1, each doubling the size and halving the maps, with batch norm and ReLU →
     * the last one to {@code channels} maps → tanh. The last hidden layer has {@code width} maps (the paper: 128 at
     * 64×64, with 1024 at 4×4); for example size 32, width 64: 4×4×256 → 8×8×128 → 16×16×64 → 32×32×channels.
     *
     * @param size     the image side, a power of two in [8, 256]
     * @param channels the image channels (1 gray, 3 RGB)
     * @param width    the maps of the last hidden layer, doubled at each coarser level
     * @return the generator of [channels, size, size] images in [-1, 1]
     */
    public static Generator generator(int size, int channels, int width) {
        return generator(size, channels, width, 0);
    }

    /**
     * {@link #generator(int, int, int)}, conditional on {@code classes} classes (the one-hot class joined to z).
     *
     * @param size     the image side, a power of two in [8, 256]
     * @param channels the image channels
     * @param width    the maps of the last hidden layer
     * @param classes  the classes, or 0 for an unconditional generator
     * @return the generator
     */
    public static Generator generator(int size, int channels, int width, int classes) {
        int levels = levels(size, channels, width);
        int maps = width << (levels - 1);
        Generator.Builder g = Generator.builder().latent(LatentSpace.gaussian(LATENT_SIZE));
        if (classes > 0) {
            g.conditional(classes);
        }
        g.dense(maps * 16).withoutBias().reshape(maps, 4, 4).batchNorm().relu();
        for (int level = 1; level < levels; level++) {
            maps /= 2;
            g.deconv2d(maps, 4, 2, 1).withoutBias().batchNorm().relu();
        }
        return g.deconv2d(channels, 4, 2, 1).tanh().build();
    }

    /**
     * The DCGAN discriminator matching {@link #generator(int, int, int)}: convolutions 4×4 stride 2 padding 1 from
     * {@code width} maps, doubling them and halving the size down to 4×4, LeakyReLU 0.2, batch norm on all but the
     * first, then flatten → dense 1 (a logit).
     *
     * @param size     the image side, a power of two in [8, 256]
     * @param channels the image channels
     * @param width    the maps of the first convolution
     * @return the discriminator of [channels, size, size] images, ending in one logit
     */
    public static Discriminator discriminator(int size, int channels, int width) {
        return discriminator(size, channels, width, 0);
    }

    /**
     * {@link #discriminator(int, int, int)}, conditional on {@code classes} classes (constant one-hot planes after the
     * image's channels).
     *
     * @param size     the image side, a power of two in [8, 256]
     * @param channels the image channels
     * @param width    the maps of the first convolution
     * @param classes  the classes, or 0 for an unconditional discriminator
     * @return the discriminator
     */
    public static Discriminator discriminator(int size, int channels, int width, int classes) {
        int levels = levels(size, channels, width);
        Discriminator.Builder d = Discriminator.builder().input(channels, size, size);
        if (classes > 0) {
            d.conditional(classes);
        }
        d.conv2d(width, 4, 2, 1).leakyRelu(0.2);
        int maps = width;
        for (int level = 1; level < levels; level++) {
            maps *= 2;
            d.conv2d(maps, 4, 2, 1).withoutBias().batchNorm().leakyRelu(0.2);
        }
        return d.flatten().dense(1).build();
    }

    /** @return the number of stride-2 layers between 4×4 and the size */
    static int levels(int size, int channels, int width) {
        if (size < 8 || size > 256 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two in [8, 256] but was " + size);
        }
        if (channels < 1 || channels > 4) {
            throw new IllegalArgumentException("channels must be in [1, 4] but was " + channels);
        }
        if (width < 1 || width > 1024) {
            throw new IllegalArgumentException("width must be in [1, 1024] but was " + width);
        }
        return Integer.numberOfTrailingZeros(size) - 2;
    }

    /** @return the 28×28×1 DCGAN discriminator, ending in one logit */
    public static Discriminator discriminator() {
        return Discriminator.builder()
                .input(1, 28, 28)
                .conv2d(64, 4, 2, 1).leakyRelu(0.2)
                .conv2d(128, 4, 2, 1).withoutBias().batchNorm().leakyRelu(0.2)
                .flatten().dense(1)
                .build();
    }

    /**
     * The DCGAN discriminator with spectral normalization instead of batch norm (Miyato et al., ICLR 2018; the
     * cheapest SN discriminator for 28×28): conv 1→64 (k4 s2 p1) → LeakyReLU 0.2 → conv 64→128 (k4 s2 p1) →
     * LeakyReLU 0.2 → flatten 6272 → dense 1, every weight spectrally normalized. Pair it with the hinge loss.
     *
     * @return the spectrally normalized 28×28×1 DCGAN discriminator, ending in one logit
     */
    public static Discriminator spectralNormDiscriminator() {
        return Discriminator.builder()
                .input(1, 28, 28)
                .conv2d(64, 4, 2, 1).leakyRelu(0.2)
                .conv2d(128, 4, 2, 1).leakyRelu(0.2)
                .flatten().dense(1)
                .spectralNormAll()
                .build();
    }
}
