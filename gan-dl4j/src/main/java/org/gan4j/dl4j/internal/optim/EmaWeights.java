package org.gan4j.dl4j.internal.optim;

import java.util.Map;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An exponential moving average of a network's weights (Yazıcı et al., "The Unusual Effectiveness of Averaging in
 * GAN Training", ICLR 2019): after each update at step t &gt;= start, θ_ema ← β·θ_ema + (1 − β)·θ; before start the
 * average is a copy of the weights. Batch-norm running statistics are copied, not averaged (as StudioGAN does).
 * The average lives in its own {@link ParameterStore}, so an inference graph can be compiled over it.
 */
public final class EmaWeights {
    private final ParameterStore source;
    private final ParameterStore average;
    private final double decay;
    private final long start;

    /**
     * @param source the trained network's arrays
     * @param decay  β, in [0, 1)
     * @param start  the first step whose update is averaged (earlier steps copy)
     * @param random unused generator required by the store (its arrays are all copies)
     */
    public EmaWeights(ParameterStore source, double decay, long start, Random random) {
        this.source = source;
        this.average = ParameterStore.copyOf(source, random);
        this.decay = decay;
        this.start = start;
    }

    /** @return the averaged arrays */
    public ParameterStore average() {
        return average;
    }

    /**
     * Folds the weights after the update of this step into the average.
     *
     * @param step the step just completed (1-based)
     */
    public void update(long step) {
        for (Map.Entry<String, INDArray> e : source.parameters().entrySet()) {
            INDArray target = average.parameters().get(e.getKey());
            if (step < start) {
                target.assign(e.getValue());
            } else {
                Nd4j.getBlasWrapper().level1().axpy(target.length(), 1.0 - decay, e.getValue(), target.muli(decay));
            }
        }
        for (Map.Entry<String, INDArray> e : source.state().entrySet()) {
            average.state().get(e.getKey()).assign(e.getValue());
        }
    }
}
