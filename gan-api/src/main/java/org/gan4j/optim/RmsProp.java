package org.gan4j.optim;

/**
 * RMSProp (Tieleman and Hinton, 2012): s ← ρ·s + (1 − ρ)·g², θ ← θ − lr·g/√(s + ε). The WGAN paper trains with it.
 *
 * @param learningRate step size, &gt; 0
 * @param decay        ρ in [0, 1)
 * @param epsilon      added under the square root, &gt; 0
 * @param schedule     how the learning rate changes over the run
 *
 * @since 0.1.0
 */
public record RmsProp(double learningRate, double decay, double epsilon, LearningRateSchedule schedule)
        implements OptimizerSpec {
    /**
     * Validates the hyperparameters.
     *
     * @param learningRate step size
     * @param decay        ρ
     * @param epsilon      added under the square root
     * @param schedule     how the learning rate changes over the run
     */
    public RmsProp {
        OptimizerSpec.checkLearningRate(learningRate);
        OptimizerSpec.checkDecay("decay", decay);
        OptimizerSpec.checkEpsilon(epsilon);
        OptimizerSpec.checkSchedule(schedule);
    }

    /**
     * RMSProp with a constant learning rate.
     *
     * @param learningRate step size
     * @param decay        ρ
     * @param epsilon      added under the square root
     */
    public RmsProp(double learningRate, double decay, double epsilon) {
        this(learningRate, decay, epsilon, LearningRateSchedule.constant());
    }

    @Override
    public RmsProp withLearningRate(double learningRate) {
        return new RmsProp(learningRate, decay, epsilon, schedule);
    }

    @Override
    public RmsProp withSchedule(LearningRateSchedule schedule) {
        return new RmsProp(learningRate, decay, epsilon, schedule);
    }

    @Override
    public String toString() {
        return "RmsProp(lr=" + learningRate + ", decay=" + decay + ", eps=" + epsilon + OptimizerSpec.describe(schedule) + ")";
    }
}
