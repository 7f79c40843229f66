package org.gan4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws samples from a generator in inference mode (batch norm uses its running statistics; no dropout).
 *
 * @since 0.1.0
 */
public interface GeneratorSampler {

    /** @return the latent space the generator reads */
    LatentSpace latent();

    /** @return the shape of one sample */
    Shape outputShape();

    /**
     * Draws n latent vectors from the latent space and returns their images under G.
     *
     * @param n the number of samples, &gt;= 1
     * @return samples, [n, outputShape...]
     */
    INDArray sample(int n);

    /**
     * Maps given latent vectors through G.
     *
     * @param latent latent vectors, [n, latent size]
     * @return samples, [n, outputShape...]
     */
    INDArray sample(INDArray latent);

    /** @return the number of classes the generator is conditioned on, 0 when unconditional */
    default int classes() {
        return 0;
    }

    /**
     * Samples a conditional generator for given classes.
     *
     * @param latent latent vectors [n, latent size]
     * @param labels one class per vector, each in [0, classes)
     * @return samples [n, outputShape...]
     * @throws UnsupportedOperationException for an unconditional generator
     */
    default INDArray sample(INDArray latent, int[] labels) {
        throw new UnsupportedOperationException("this generator is not conditional");
    }
}
