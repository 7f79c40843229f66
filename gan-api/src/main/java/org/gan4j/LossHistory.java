package org.gan4j;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The losses of every training step and the metrics recorded during training, in order. Immutable.
 *
 * @since 0.1.0
 */
public final class LossHistory {
    private final ImmutableList<StepResult> steps;
    private final ImmutableList<MetricPoint> metrics;

    /**
     * @param steps the steps, in order
     */
    public LossHistory(List<StepResult> steps) {
        this(steps, List.of());
    }

    /**
     * @param steps   the steps, in order
     * @param metrics the metric values, in the order recorded
     */
    public LossHistory(List<StepResult> steps, List<MetricPoint> metrics) {
        this.steps = ImmutableList.copyOf(steps);
        this.metrics = ImmutableList.copyOf(metrics);
    }

    /** @return every recorded metric value, in the order recorded */
    public List<MetricPoint> metrics() {
        return metrics;
    }

    /**
     * @param name a metric's name
     * @return its values, in the order recorded
     */
    public List<MetricPoint> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).collect(ImmutableList.toImmutableList());
    }

    /** @return the steps, in order */
    public List<StepResult> steps() {
        return steps;
    }

    /** @return the number of steps */
    public int size() {
        return steps.size();
    }

    /** @return the discriminator losses, in step order */
    public double[] discriminatorLosses() {
        return steps.stream().mapToDouble(StepResult::discriminatorLoss).toArray();
    }

    /** @return the generator losses, in step order */
    public double[] generatorLosses() {
        return steps.stream().mapToDouble(StepResult::generatorLoss).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossHistory other && other.steps.equals(steps) && other.metrics.equals(metrics);
    }

    @Override
    public int hashCode() {
        return steps.hashCode() * 31 + metrics.hashCode();
    }

    @Override
    public String toString() {
        return "LossHistory(" + steps.size() + " steps" + (steps.isEmpty() ? "" : ", last=" + steps.get(steps.size() - 1)) + ")";
    }
}
