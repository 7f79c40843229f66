package org.gan4j;

/** A read-only view of a training run, handed to {@link TrainingListener}s. */
public interface TrainingView {

    /** @return the number of steps done so far */
    long step();

    /** @return the current 0-based epoch */
    int epoch();

    /** @return the step count at which training stops */
    long totalSteps();

    /** @return the losses so far */
    LossHistory history();

    /** @return the generator with its current weights, for sampling in inference mode */
    GeneratorSampler generator();

    /**
     * Records a metric value at the current step; it lands in the run's {@link LossHistory#metrics()}.
     *
     * @param name  the metric's name
     * @param value its value
     */
    void recordMetric(String name, double value);

    /** @return a description of the run's configuration (networks, loss, optimizers, batch size, seed), for reports */
    default String configuration() {
        return "";
    }
}
