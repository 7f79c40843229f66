package org.gan4j.optim;

/**
 * Adam (Kingma and Ba, 2015): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², θ ← θ − lr·m̂/(√v̂ + ε).
 *
 * @param learningRate step size, &gt; 0
 * @param beta1        first-moment decay in [0, 1) (DCGAN uses 0.5, WGAN-GP 0)
 * @param beta2        second-moment decay in [0, 1)
 * @param epsilon      added to the denominator, &gt; 0
 * @param schedule     how the learning rate changes over the run
 *
 * @since 0.1.0
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon, LearningRateSchedule schedule)
        implements OptimizerSpec {
    /**
     * Validates the hyperparameters.
     *
     * @param learningRate step size
     * @param beta1        first-moment decay
     * @param beta2        second-moment decay
     * @param epsilon      added to the denominator
     * @param schedule     how the learning rate changes over the run
     */
    public Adam {
        OptimizerSpec.checkLearningRate(learningRate);
        OptimizerSpec.checkDecay("beta1", beta1);
        OptimizerSpec.checkDecay("beta2", beta2);
        OptimizerSpec.checkEpsilon(epsilon);
        OptimizerSpec.checkSchedule(schedule);
    }

    /**
     * Adam with a constant learning rate.
     *
     * @param learningRate step size
     * @param beta1        first-moment decay
     * @param beta2        second-moment decay
     * @param epsilon      added to the denominator
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, beta1, beta2, epsilon, LearningRateSchedule.constant());
    }

    @Override
    public Adam withLearningRate(double learningRate) {
        return new Adam(learningRate, beta1, beta2, epsilon, schedule);
    }

    @Override
    public Adam withSchedule(LearningRateSchedule schedule) {
        return new Adam(learningRate, beta1, beta2, epsilon, schedule);
    }

    @Override
    public String toString() {
        return "Adam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon
                + OptimizerSpec.describe(schedule) + ")";
    }
}
