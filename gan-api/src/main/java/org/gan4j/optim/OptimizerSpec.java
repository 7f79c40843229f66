package org.gan4j.optim;

/**
 * An optimizer for one network. Each network of a GAN gets its own optimizer and its own optimizer state.
 *
 * @since 0.1.0
 */
public sealed interface OptimizerSpec permits Adam, RmsProp, Sgd {

    /** @return the learning rate */
    double learningRate();

    /**
     * @param learningRate the new learning rate
     * @return a copy of this optimizer with another learning rate
     */
    OptimizerSpec withLearningRate(double learningRate);

    /** @return how the learning rate changes over the run (constant by default) */
    LearningRateSchedule schedule();

    /**
     * @param schedule the schedule
     * @return a copy of this optimizer with another learning-rate schedule
     */
    OptimizerSpec withSchedule(LearningRateSchedule schedule);

    /**
     * @param finalFraction the fraction of the learning rate left at the network's last update, in [0, 1]
     * @return a copy of this optimizer whose learning rate decays linearly over the run
     */
    default OptimizerSpec withLinearDecay(double finalFraction) {
        return withSchedule(new LearningRateSchedule.LinearDecay(finalFraction));
    }

    /**
     * Checks a schedule.
     *
     * @param schedule the schedule
     * @return the schedule
     */
    static LearningRateSchedule checkSchedule(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new NullPointerException("schedule == null");
        }
        return schedule;
    }

    /**
     * @param schedule a schedule
     * @return "" for a constant one, else ", schedule=..." for toString()
     */
    static String describe(LearningRateSchedule schedule) {
        return schedule instanceof LearningRateSchedule.Constant ? "" : ", schedule=" + schedule;
    }

    /**
     * @param learningRate step size
     * @return Adam with β1 = 0.9, β2 = 0.999, ε = 1e-8
     */
    static Adam adam(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * @param learningRate step size
     * @param beta1        first-moment decay
     * @param beta2        second-moment decay
     * @return Adam with ε = 1e-8
     */
    static Adam adam(double learningRate, double beta1, double beta2) {
        return new Adam(learningRate, beta1, beta2, 1e-8);
    }

    /**
     * @param learningRate step size
     * @return RMSProp with decay 0.99 and ε = 1e-8 (PyTorch's defaults)
     */
    static RmsProp rmsProp(double learningRate) {
        return new RmsProp(learningRate, 0.99, 1e-8);
    }

    /**
     * @param learningRate step size
     * @return plain stochastic gradient descent
     */
    static Sgd sgd(double learningRate) {
        return new Sgd(learningRate);
    }

    /**
     * Checks a learning rate.
     *
     * @param learningRate the value
     */
    static void checkLearningRate(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 but was " + learningRate);
        }
    }

    /**
     * Checks a decay rate in [0, 1).
     *
     * @param name  the parameter's name
     * @param value the value
     */
    static void checkDecay(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1) but was " + value);
        }
    }

    /**
     * Checks an epsilon.
     *
     * @param epsilon the value
     */
    static void checkEpsilon(double epsilon) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be > 0 but was " + epsilon);
        }
    }
}
