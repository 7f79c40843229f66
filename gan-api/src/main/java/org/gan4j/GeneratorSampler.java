package org.gan4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Draws samples from a generator in inference mode (batch norm uses its running statistics; no dropout). */
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
}
