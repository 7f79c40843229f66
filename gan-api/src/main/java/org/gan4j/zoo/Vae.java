package org.gan4j.zoo;

import org.gan4j.Encoder;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;

/**
 * A convolutional VAE for 28×28 grayscale images with a Bernoulli decoder, built from the DCGAN's networks
 * ({@link Dcgan}) so that a GAN and a VAE can be compared with the same architecture:
 * <ul>
 *   <li>encoder: conv 1→64 (k4 s2 p1) → LeakyReLU 0.2 → conv 64→128 (k4 s2 p1, no bias) → BN → LeakyReLU 0.2 →
 *       flatten 6272 → latent head dense 2·L (μ, log σ²): the DCGAN discriminator with the head for its logit;</li>
 *   <li>decoder: the DCGAN generator with its final tanh removed, so it outputs the Bernoulli logits of the pixels:
 *       z(L) → dense 6272 (no bias) → reshape 128×7×7 → BN → ReLU → deconv 128→64 (k4 s2 p1, no bias) → BN → ReLU →
 *       deconv 64→1 (k4 s2 p1).</li>
 * </ul>
 * Train on images in [0, 1] with the default Bernoulli likelihood and Adam(1e-3).
 *
 * @since 0.1.0
 */
public final class Vae {
    private Vae() {
    }

    /**
     * @param latentSize L, &gt;= 1 ({@link Dcgan#LATENT_SIZE} for the DCGAN's decoder input)
     * @return the encoder
     */
    public static Encoder encoder(int latentSize) {
        return Encoder.builder()
                .input(1, 28, 28)
                .conv2d(64, 4, 2, 1).leakyRelu(0.2)
                .conv2d(128, 4, 2, 1).withoutBias().batchNorm().leakyRelu(0.2)
                .flatten()
                .latent(latentSize)
                .build();
    }

    /**
     * @param latentSize L, &gt;= 1
     * @return the decoder, outputting logits [1, 28, 28]
     */
    public static Generator decoder(int latentSize) {
        return Generator.builder()
                .latent(LatentSpace.gaussian(latentSize))
                .dense(128 * 7 * 7).withoutBias().reshape(128, 7, 7).batchNorm().relu()
                .deconv2d(64, 4, 2, 1).withoutBias().batchNorm().relu()
                .deconv2d(1, 4, 2, 1)
                .build();
    }
}
