package org.gan4j.dl4j.internal.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.optim.Adam;
import org.gan4j.optim.LearningRateSchedule;
import org.gan4j.optim.OptimizerSpec;
import org.gan4j.optim.RmsProp;
import org.gan4j.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The optimizer of one network: one ND4J {@link GradientUpdater} per parameter, its state allocated once, each step
 * turning gradients into updates in place and subtracting them from the shared weights in place.
 */
public final class NetworkUpdater {
    private final List<Slot> slots = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final OptimizerSpec spec;
    private final IUpdater config;
    private final long updates;
    private double learningRateScale = 1.0;
    private int iteration;
    private Map<String, INDArray> zeros;
    private final AdamPass adamPass = new AdamPass();
    private final int threads = Math.max(1, Nd4j.getEnvironment().maxThreads());

    private record Slot(String name, INDArray parameter, GradientUpdater<?> updater, INDArray state, AdamStep adam) {
    }

    /**
     * An updater with a constant learning rate schedule or none that needs the run's length.
     *
     * @param spec       the optimizer
     * @param parameters the network's parameters by name
     */
    public NetworkUpdater(OptimizerSpec spec, Map<String, INDArray> parameters) {
        this(spec, parameters, -1);
    }

    /**
     * @param spec       the optimizer
     * @param parameters the network's parameters by name
     * @param updates    the number of updates this network gets in the run, or -1 when unknown
     * @throws IllegalStateException if the schedule needs the run's length and it is unknown
     */
    public NetworkUpdater(OptimizerSpec spec, Map<String, INDArray> parameters, long updates) {
        this.spec = spec;
        this.updates = updates;
        this.config = toNd4j(spec, updates);
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            long n = e.getValue().length();
            long stateSize = config.stateSize(n);
            INDArray state = stateSize == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateSize);
            GradientUpdater<?> updater = config.instantiate(state, true);
            AdamStep adam = updater instanceof org.nd4j.linalg.learning.AdamUpdater a && AdamStep.supports(e.getValue())
                    && config instanceof org.nd4j.linalg.learning.config.Adam c
                    ? new AdamStep(e.getValue(), a.getM(), a.getV(), c.getBeta1(), c.getBeta2(), c.getEpsilon()) : null;
            slots.add(new Slot(e.getKey(), e.getValue(), updater, state, adam));
            names.add(e.getKey());
        }
    }

    /** @return the names of the parameters this updater trains, in order */
    public List<String> parameterNames() {
        return names;
    }

    /** @return the optimizer specification */
    public OptimizerSpec spec() {
        return spec;
    }

    /** @return the number of updates applied so far */
    public int iteration() {
        return iteration;
    }

    /** @return each parameter's optimizer state array (absent for stateless optimizers), by parameter name */
    public Map<String, INDArray> states() {
        Map<String, INDArray> states = new java.util.LinkedHashMap<>();
        for (Slot slot : slots) {
            if (slot.state() != null) {
                states.put(slot.name(), slot.state());
            }
        }
        return states;
    }

    /** @return the name of the first parameter holding a NaN or an infinity, or null when all are finite */
    public String firstNonFiniteParameter() {
        for (Slot slot : slots) {
            if (!Double.isFinite(absoluteSum(slot.parameter()))) {
                return slot.name();
            }
        }
        return null;
    }

    /** Σ|x| through BLAS asum (NaN and infinities propagate) on contiguous arrays. */
    private static double absoluteSum(INDArray a) {
        if (a.isView() || a.ordering() != 'c') {
            return a.sumNumber().doubleValue();
        }
        return Nd4j.getBlasWrapper().asum(a.reshape(a.length()));
    }

    /** @return the factor applied to the optimizer's learning rate (1 unless lowered after a divergence) */
    public double learningRateScale() {
        return learningRateScale;
    }

    /**
     * Multiplies the specified learning rate (and its schedule) by a factor from the next update on.
     *
     * @param scale the factor, &gt; 0
     */
    public void setLearningRateScale(double scale) {
        this.learningRateScale = scale;
        double lr = spec.learningRate() * scale;
        if (spec.schedule() instanceof LearningRateSchedule.LinearDecay decay) {
            config.setLrAndSchedule(lr, new LinearDecaySchedule(lr, decay, updates));
        } else {
            config.setLrAndSchedule(lr, null);
        }
    }

    /**
     * Restores the update count (the optimizer state arrays are restored in place through {@link #states()}).
     *
     * @param updates the number of updates applied so far
     */
    public void restoreIteration(int updates) {
        this.iteration = updates;
    }

    /**
     * Makes every later update step every parameter, a parameter without a gradient with a zero one (so that its
     * optimizer state decays and its update count advances, as PyTorch's optimizers do for a parameter whose gradient
     * is a zero tensor); without this, such a parameter is left alone.
     */
    public void stepParametersWithoutGradient() {
        if (zeros == null) {
            zeros = new java.util.HashMap<>();
            for (Slot slot : slots) {
                zeros.put(slot.name(), Nd4j.create(slot.parameter().dataType(), slot.parameter().shape()));
            }
        }
    }

    /**
     * Applies one update from gradients keyed by parameter name. The gradient arrays are overwritten.
     *
     * @param gradients the gradients
     * @param epoch     the current epoch
     */
    public void apply(Map<String, INDArray> gradients, int epoch) {
        double learningRate = config.getLearningRate(iteration, epoch);
        for (Slot slot : slots) {
            INDArray gradient = gradients.get(slot.name());
            if (gradient == null && zeros != null) {
                gradient = zeros.get(slot.name()).assign(0);
            }
            if (gradient == null) {
                continue;
            }
            if (slot.adam() != null && AdamStep.supports(gradient)) {
                adamPass.add(slot.adam(), gradient);
                continue;
            }
            INDArray flat = gradient.reshape(1, gradient.length());
            slot.updater().applyUpdater(flat, iteration, epoch);
            slot.parameter().subi(gradient);
        }
        adamPass.run(learningRate, iteration, threads);
        iteration++;
    }

    /**
     * @param spec    an optimizer specification
     * @param updates the number of updates in the run, or -1 when unknown
     * @return the ND4J updater configuration with the same hyperparameters and schedule
     */
    public static IUpdater toNd4j(OptimizerSpec spec, long updates) {
        IUpdater config;
        if (spec instanceof Adam a) {
            config = new org.nd4j.linalg.learning.config.Adam(a.learningRate(), a.beta1(), a.beta2(), a.epsilon());
        } else if (spec instanceof RmsProp r) {
            config = new org.nd4j.linalg.learning.config.RmsProp(r.learningRate(), r.decay(), r.epsilon());
        } else if (spec instanceof Sgd s) {
            config = new org.nd4j.linalg.learning.config.Sgd(s.learningRate());
        } else {
            throw new IllegalArgumentException("unknown optimizer " + spec);
        }
        if (spec.schedule() instanceof LearningRateSchedule.LinearDecay decay) {
            if (updates < 1) {
                throw new IllegalStateException(spec + " decays its learning rate over the run, which needs a known"
                        + " number of steps: train with steps(n) or a data source of known size");
            }
            config.setLrAndSchedule(spec.learningRate(), new LinearDecaySchedule(spec.learningRate(), decay, updates));
        }
        return config;
    }
}
