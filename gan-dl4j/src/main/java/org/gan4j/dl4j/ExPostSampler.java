package org.gan4j.dl4j;

import java.util.Objects;
import java.util.SplittableRandom;
import org.gan4j.GeneratorSampler;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.dl4j.density.GaussianMixture;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Samples a trained VAE from an ex-post density instead of its prior: a {@link GaussianMixture} fitted to the
 * posterior means μ(x) of training images, whose draws the decoder turns into samples (Ghosh et al., "From
 * Variational to Deterministic Autoencoders", ICLR 2020, §4; the aggregate posterior a VAE actually decodes well
 * rarely fills N(0, I), so prior draws land in holes and decode to blends). Made by
 * {@link VaeModel#exPostSampler(INDArray, int, long)}; calls are serialised.
 *
 * @since 0.1.0
 */
public final class ExPostSampler implements GeneratorSampler {
    private final VaeModel model;
    private final GaussianMixture mixture;
    private final SplittableRandom random;

    ExPostSampler(VaeModel model, GaussianMixture mixture, long seed) {
        this.model = model;
        this.mixture = mixture;
        this.random = new SplittableRandom(seed);
    }

    /** @return the fitted density */
    public GaussianMixture mixture() {
        return mixture;
    }

    /** @return the latent space the decoder reads (the prior's; draws come from the mixture) */
    @Override
    public LatentSpace latent() {
        return model.latent();
    }

    @Override
    public Shape outputShape() {
        return model.outputShape();
    }

    /**
     * @param n the number of samples, &gt;= 1
     * @return n decoded draws of the mixture
     */
    @Override
    public synchronized INDArray sample(int n) {
        return model.decode(mixture.sample(n, random));
    }

    @Override
    public INDArray sample(INDArray latent) {
        return model.decode(Objects.requireNonNull(latent, "latent == null"));
    }

    @Override
    public String toString() {
        return "ExPostSampler(" + mixture + ")";
    }
}
