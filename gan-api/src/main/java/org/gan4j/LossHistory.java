package org.gan4j;

import com.google.common.collect.ImmutableList;
import java.util.List;

/** The losses of every training step, in order. Immutable. */
public final class LossHistory {
    private final ImmutableList<StepResult> steps;

    /**
     * @param steps the steps, in order
     */
    public LossHistory(List<StepResult> steps) {
        this.steps = ImmutableList.copyOf(steps);
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
        return o instanceof LossHistory other && other.steps.equals(steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    @Override
    public String toString() {
        return "LossHistory(" + steps.size() + " steps" + (steps.isEmpty() ? "" : ", last=" + steps.get(steps.size() - 1)) + ")";
    }
}
