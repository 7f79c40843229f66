package org.gan4j.zoo;

import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;

/**
 * The SNGAN recipe (Miyato, Kataoka, Koyama and Yoshida, "Spectral Normalization for Generative Adversarial
 * Networks", ICLR 2018) sized for 28×28 grayscale images such as Fashion-MNIST: every weight of the discriminator
 * spectrally normalized and no batch norm in it, the hinge loss, and a batch-normalized DCGAN generator.
 * <ul>
 *   <li>G: the {@link Dcgan#generator() DCGAN generator} (z(100) → dense 6272 → 128×7×7 → two transposed
 *       convolutions with batch norm and ReLU → tanh);</li>
 *   <li>D: the paper's "standard CNN" pattern (Table 3: 3×3 stride-1 convolutions alternating with 4×4 stride-2
 *       ones, LeakyReLU 0.1, a dense logit) at 28×28 and a quarter of its widths: conv 3×3 32 → conv 4×4 s2 64
 *       (14×14) → conv 3×3 64 → conv 4×4 s2 128 (7×7) → conv 3×3 128 → dense 1, all with spectral norm.</li>
 * </ul>
 * Train with the hinge loss and Adam(2e-4, β1 = 0.5, β2 = 0.999) for both networks, one D step per G step (the
 * paper's setting C), batch 64.
 *
 * @since 0.1.0
 */
public final class Sngan {
    private Sngan() {
    }

    /** @return the generator: the 28×28×1 DCGAN generator */
    public static Generator generator() {
        return Dcgan.generator();
    }

    /** @return the spectrally normalized 28×28×1 discriminator, ending in one logit */
    public static Discriminator discriminator() {
        return Discriminator.builder()
                .input(1, 28, 28)
                .conv2d(32, 3, 1, 1).leakyRelu(0.1)
                .conv2d(64, 4, 2, 1).leakyRelu(0.1)
                .conv2d(64, 3, 1, 1).leakyRelu(0.1)
                .conv2d(128, 4, 2, 1).leakyRelu(0.1)
                .conv2d(128, 3, 1, 1).leakyRelu(0.1)
                .flatten().dense(1)
                .spectralNormAll()
                .build();
    }

    /**
     * The paper's standard CNN discriminator (Table 3) for square images of a power-of-two size from 8 to 256, at a
     * chosen width: per level, conv 3×3 stride 1 then conv 4×4 stride 2 (doubling the maps, halving the size) down to
     * 4×4, a last conv 3×3, LeakyReLU 0.1, dense 1; every weight spectrally normalized. At 32×32 with width 64 it is
     * the paper's CIFAR-10 network (64, 64 → 128, 128 → 256, 256 → 512).
     *
     * @param size     the image side, a power of two in [8, 256]
     * @param channels the image channels
     * @param width    the maps of the first convolution
     * @return the spectrally normalized discriminator, ending in one logit
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
     * @return the spectrally normalized discriminator
     */
    public static Discriminator discriminator(int size, int channels, int width, int classes) {
        int levels = Dcgan.levels(size, channels, width);
        Discriminator.Builder d = Discriminator.builder().input(channels, size, size);
        if (classes > 0) {
            d.conditional(classes);
        }
        int maps = width;
        for (int level = 0; level < levels; level++) {
            d.conv2d(maps, 3, 1, 1).leakyRelu(0.1).conv2d(maps, 4, 2, 1).leakyRelu(0.1);
            maps *= 2;
        }
        return d.conv2d(maps, 3, 1, 1).leakyRelu(0.1).flatten().dense(1).spectralNormAll().build();
    }
}
