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
