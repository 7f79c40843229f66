package org.gan4j.optim;

/**
 * Plain stochastic gradient descent: θ ← θ − lr·g.
 *
 * @param learningRate step size, &gt; 0
 * @param schedule     how the learning rate changes over the run
 *
 * @since 0.1.0
 */
public record Sgd(double learningRate, LearningRateSchedule schedule) implements OptimizerSpec {
    /**
     * Validates the learning rate.
     *
     * @param learningRate step size
     * @param schedule     how the learning rate changes over the run
     */
    public Sgd {
        OptimizerSpec.checkLearningRate(learningRate);
        OptimizerSpec.checkSchedule(schedule);
    }

    /**
     * SGD with a constant learning rate.
     *
     * @param learningRate step size
     */
    public Sgd(double learningRate) {
        this(learningRate, LearningRateSchedule.constant());
    }

    @Override
    public Sgd withLearningRate(double learningRate) {
        return new Sgd(learningRate, schedule);
    }

    @Override
    public Sgd withSchedule(LearningRateSchedule schedule) {
        return new Sgd(learningRate, schedule);
    }

    @Override
    public String toString() {
        return "Sgd(lr=" + learningRate + OptimizerSpec.describe(schedule) + ")";
    }
}
