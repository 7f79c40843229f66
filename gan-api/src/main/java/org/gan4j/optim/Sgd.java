package org.gan4j.optim;

/**
 * Plain stochastic gradient descent: θ ← θ − lr·g.
 *
 * @param learningRate step size, &gt; 0
 */
public record Sgd(double learningRate) implements OptimizerSpec {
    /**
     * Validates the learning rate.
     *
     * @param learningRate step size
     */
    public Sgd {
        OptimizerSpec.checkLearningRate(learningRate);
    }

    @Override
    public Sgd withLearningRate(double learningRate) {
        return new Sgd(learningRate);
    }

    @Override
    public String toString() {
        return "Sgd(lr=" + learningRate + ")";
    }
}
