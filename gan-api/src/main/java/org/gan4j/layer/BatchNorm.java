package org.gan4j.layer;

import org.gan4j.Shape;

/**
 * Batch normalization (Ioffe and Szegedy, 2015): y = γ·(x − μ_B)/√(σ²_B + ε) + β, statistics over the batch
 * (and the spatial positions for images), one γ and β per feature or channel. During training the batch
 * statistics are used and running averages are kept for inference:
 * running ← (1 − momentum)·running + momentum·batch (PyTorch's convention).
 *
 * @param epsilon  added to the variance, default 1e-5
 * @param momentum the running-average weight of each new batch, default 0.1
 *
 * @since 0.1.0
 */
public record BatchNorm(double epsilon, double momentum) implements LayerSpec {
    /** PyTorch's defaults: ε = 1e-5, momentum 0.1. */
    public static final BatchNorm DEFAULT = new BatchNorm(1e-5, 0.1);

    /**
     * Validates the components.
     *
     * @param epsilon  added to the variance
     * @param momentum the running-average weight of each new batch
     */
    public BatchNorm {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0 but was " + epsilon);
        }
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in (0, 1] but was " + momentum);
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 1 && input.rank() != 3) {
            throw new IllegalArgumentException(this + " expects input of rank 1 [features] or 3 [channels, height, width]"
                    + " but got " + input);
        }
        return input;
    }

    @Override
    public String toString() {
        return "batchNorm(eps=" + epsilon + ", momentum=" + momentum + ")";
    }
}
