package org.gan4j.dl4j.internal.data;

import org.gan4j.LatentSpace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Fills latent batches in place from a latent space, with its own seeded generator. */
public final class LatentSampler {
    private final LatentSpace space;
    private final Random random;

    /**
     * @param space the latent space
     * @param seed  the seed of this sampler's generator
     */
    public LatentSampler(LatentSpace space, long seed) {
        this.space = space;
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /**
     * Overwrites {@code z} with fresh latent vectors.
     *
     * @param z the array to fill, [n, latent size]
     */
    public void fill(INDArray z) {
        if (space.distribution() == LatentSpace.Distribution.GAUSSIAN) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0, 1), random);
        } else {
            Nd4j.getExecutioner().exec(new UniformDistribution(z, -1, 1), random);
        }
    }

    /** @return the generator's state {root, node}, for checkpoints */
    public long[] randomState() {
        return new long[] {random.rootState(), random.nodeState()};
    }

    /**
     * @param state a state from {@link #randomState()}
     */
    public void restoreRandomState(long[] state) {
        random.setStates(state[0], state[1]);
    }
}
