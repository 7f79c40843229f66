package org.gan4j.layer;

/**
 * A layer with a weight matrix or kernel W (dense, convolution, transposed convolution): the layers a bias can be
 * dropped from and spectral normalization can be applied to.
 *
 * @since 0.1.0
 */
public sealed interface WeightedLayer extends LayerSpec permits Dense, Conv2d, Deconv2d {
    /** @return whether the layer adds a bias */
    boolean bias();

    /**
     * @return whether the layer's weight is divided by its largest singular value (Miyato et al., "Spectral
     *         Normalization for Generative Adversarial Networks", ICLR 2018): W_SN = W/σ(W), with W seen as the
     *         matrix [output units or channels, everything else] and σ(W) estimated by one power iteration per
     *         training step
     */
    boolean spectralNorm();

    /** @return the same layer without its bias */
    WeightedLayer withoutBias();

    /** @return the same layer with spectral normalization */
    WeightedLayer spectrallyNormalized();

    /** @return the number of output units (dense) or channels (convolutions): the rows of the matrix σ is taken of */
    int outputs();

    /** @return " no bias" and " SN" markers for {@code toString()} */
    default String markers() {
        return (bias() ? "" : ", no bias") + (spectralNorm() ? ", SN" : "");
    }
}
