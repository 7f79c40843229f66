package org.gan4j.dl4j;

import org.gan4j.LossHistory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of {@link StyleGanTrainer#fit()}: the trained generator (averaged weights when an EMA was kept) and the
 * history. Each step's {@link org.gan4j.StepResult} carries the D and G main losses and the terms
 * {@code pathLength} (the latest weighted path length penalty), {@code pathLengthMean} (its running mean a) and
 * {@code r1} (the latest R1 loss), when those regularizers are on.
 *
 * @since 0.1.0
 */
public final class TrainedStyleGan {
    private final StyleGanModel model;
    private final LossHistory history;

    TrainedStyleGan(StyleGanModel model, LossHistory history) {
        this.model = model;
        this.history = history;
    }

    /** @return the trained generator with its latent tools */
    public StyleGanModel model() {
        return model;
    }

    /** @return the run's history */
    public LossHistory history() {
        return history;
    }

    /**
     * @param n the number of images
     * @return n images of fresh latents; see {@link StyleGanModel#sample(int)}
     */
    public INDArray sample(int n) {
        return model.sample(n);
    }
}
