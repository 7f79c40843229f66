package org.gan4j.dl4j.internal.optim;

import org.gan4j.optim.LearningRateSchedule;
import org.nd4j.linalg.schedule.ISchedule;

/** ND4J's view of {@link LearningRateSchedule.LinearDecay} over a known number of updates. */
public final class LinearDecaySchedule implements ISchedule {
    private static final long serialVersionUID = 1L;
    /** The initial learning rate. */
    private final double learningRate;
    /** The decay. */
    private final LearningRateSchedule.LinearDecay decay;
    /** The number of updates in the run. */
    private final long updates;

    /**
     * @param learningRate the initial learning rate
     * @param decay        the decay
     * @param updates      the number of updates in the run
     */
    public LinearDecaySchedule(double learningRate, LearningRateSchedule.LinearDecay decay, long updates) {
        this.learningRate = learningRate;
        this.decay = decay;
        this.updates = updates;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return decay.valueAt(learningRate, iteration, updates);
    }

    @Override
    public ISchedule clone() {
        return new LinearDecaySchedule(learningRate, decay, updates);
    }
}
