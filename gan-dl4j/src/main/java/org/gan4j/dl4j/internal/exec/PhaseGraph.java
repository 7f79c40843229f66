package org.gan4j.dl4j.internal.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.dl4j.Execution;
import org.gan4j.dl4j.internal.graph.BatchNormUpdate;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.ops.FusedOp;
import org.gan4j.dl4j.internal.optim.NetworkUpdater;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training phase (a discriminator step or a generator step): a graph built once with its loss and its gradient
 * function, fed from placeholder arrays that are refilled in place, and the updater of the network it trains.
 */
public final class PhaseGraph {
    private final String network;
    private final Execution execution;
    private final SameDiff graph;
    private final String lossName;
    private final NetworkUpdater updater;
    private final List<BatchNormUpdate> batchNormUpdates;
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, INDArray> copies = new java.util.LinkedHashMap<>();
    private final Map<String, String> gradientNames = new java.util.LinkedHashMap<>();
    private final Map<String, INDArray> injected = new java.util.LinkedHashMap<>();
    private String early;
    private ExecutionPlan plan;
    private Map<String, INDArray> planGradients;
    private boolean planChecked;
    private boolean measureGradientNorm;
    private double lastGradientNorm = Double.NaN;
    private final List<ParameterStore> normalized = new ArrayList<>();
    private boolean iteratedEarly;
    private boolean twoLanes;

    /**
     * Builds the gradient function (silently: SameDiff prints every differentiated op).
     *
     * @param network          "generator" or "discriminator", for messages
     * @param graph            the graph, with its loss variable
     * @param lossName         the loss variable's name
     * @param updater          the trained network's optimizer
     * @param batchNormUpdates the running statistics this phase updates
     * @param execution        whether steps run from a compiled plan or through SameDiff's session
     */
    public PhaseGraph(String network, SameDiff graph, String lossName, NetworkUpdater updater,
                      List<BatchNormUpdate> batchNormUpdates, Execution execution) {
        this.network = network;
        this.execution = execution;
        this.graph = graph;
        this.lossName = lossName;
        this.updater = updater;
        this.batchNormUpdates = List.copyOf(batchNormUpdates);
        outputs.add(lossName);
        for (BatchNormUpdate u : batchNormUpdates) {
            outputs.add(u.meanOutput());
            outputs.add(u.varOutput());
        }
        graph.setLossVariables(lossName);
        Stdout.silenced(() -> {
            graph.createGradFunction();
            return null;
        });
        for (String p : updater.parameterNames()) {
            org.nd4j.autodiff.samediff.SDVariable g = graph.getVariable(p).getGradient();
            if (g != null) {
                gradientNames.put(p, g.name());
            }
        }
    }

    /**
     * Runs the spectral-norm power iterations of a network before each step of this phase (the network this phase
     * trains), outside the gradient.
     *
     * @param network the trained network's arrays
     */
    public void iterateSpectralNormsOf(ParameterStore network) {
        normalized.add(network);
    }

    private void iterateSpectralNorms() {
        for (ParameterStore network : normalized) {
            network.iteratePowerIterations();
        }
    }

    /**
     * Lets the compiled plan run its steps on two threads when its graph splits into two independent halves (see
     * {@link ExecutionPlan#runInTwoLanes}). Before {@link #prepare}.
     */
    public void runInTwoLanes() {
        requireUnprepared();
        twoLanes = true;
    }

    /** @return whether the compiled plan runs in two lanes (known after the first step) */
    public boolean inTwoLanes() {
        return plan != null && plan.inTwoLanes();
    }

    /**
     * Makes the plan read a variable from an array that the caller fills before each step, instead of computing it
     * (the generator's output, computed once per iteration by the generator phase). Before {@link #prepare}; ignored
     * when the phase runs through SameDiff's session.
     *
     * @param variable the variable
     * @param array    the array holding its value
     */
    public void inject(String variable, INDArray array) {
        requireUnprepared();
        injected.put(variable, array);
    }

    /**
     * Lets {@link #runEarly} compute a variable before the rest of a step. Before {@link #prepare}.
     *
     * @param variable the variable
     */
    public void computeEarly(String variable) {
        requireUnprepared();
        early = variable;
    }

    private void requireUnprepared() {
        if (planChecked) {
            throw new IllegalStateException("the " + network + " phase is already prepared");
        }
    }

    /**
     * Decides, once, whether steps run from a compiled plan.
     *
     * @return whether they do
     */
    public boolean prepare() {
        if (!planChecked) {
            planChecked = true;
            plan = choosePlan();
        }
        return plan != null;
    }

    /**
     * Runs the part of a step that computes the {@link #computeEarly early} variable; the next {@link #step} runs the
     * rest (it must get the same feed).
     *
     * @param placeholders the feed
     * @return the variable's value, owned by the plan
     */
    public INDArray runEarly(Map<String, INDArray> placeholders) {
        if (!prepare() || early == null) {
            throw new IllegalStateException("the " + network + " phase has no early variable to compute");
        }
        iterateSpectralNorms();
        iteratedEarly = true;
        return plan.runEarly(placeholders);
    }

    /** @return whether steps run from a compiled plan (decided at the first step) */
    public boolean compiled() {
        return plan != null;
    }

    /** @return the network this phase trains, for messages */
    public String network() {
        return network;
    }

    /** @return the graph */
    public SameDiff graph() {
        return graph;
    }

    /**
     * Makes every {@link #step} copy an output of the graph into a preallocated array (before the step's arrays are
     * released).
     *
     * @param output the variable's name
     * @param target the array receiving its value, of the variable's shape
     */
    public void copyOutput(String output, INDArray target) {
        if (planChecked) {
            throw new IllegalStateException("outputs must be chosen before the first step");
        }
        if (!outputs.contains(output)) {
            outputs.add(output);
        }
        copies.put(output, target);
    }

    /** Makes {@link #step} measure the L2 norm of all gradients before applying them. */
    public void measureGradientNorm() {
        this.measureGradientNorm = true;
    }

    /** @return the gradient norm of the last step (NaN unless measured) */
    public double lastGradientNorm() {
        return lastGradientNorm;
    }

    /** @return the updater */
    public NetworkUpdater updater() {
        return updater;
    }

    /**
     * Runs one step: power iterations (unless {@link #runEarly} ran them), forward, backward, optimizer update,
     * running statistics.
     *
     * @param placeholders the arrays fed to the placeholders, refilled in place by the caller
     * @param epoch        the current epoch
     * @return the loss before the update
     */
    public double step(Map<String, INDArray> placeholders, int epoch) {
        prepare();
        if (!iteratedEarly) {
            iterateSpectralNorms();
        }
        iteratedEarly = false;
        if (plan == null) {
            return sameDiffStep(placeholders, epoch);
        }
        long t0 = System.nanoTime();
        Map<String, INDArray> out = plan.run(placeholders);
        if (OpProfile.ENABLED) {
            OpProfile.section("[plan run " + network + "]", System.nanoTime() - t0);
        }
        if (planGradients == null) {
            // a plan's result arrays are fixed, so the view by parameter name is built once
            Map<String, INDArray> byParameter = new java.util.LinkedHashMap<>();
            gradientNames.forEach((p, g) -> byParameter.put(p, out.get(g)));
            planGradients = java.util.Collections.unmodifiableMap(byParameter);
        }
        return finish(out, planGradients, epoch);
    }

    private ExecutionPlan choosePlan() {
        if (execution == Execution.SAMEDIFF) {
            return null;
        }
        List<String> requested = new ArrayList<>(outputs);
        requested.addAll(gradientNames.values());
        SameDiff gradients = graph.getFunction("grad");
        java.util.Optional<String> unsupported = OpSchedule.unsupportedOp(gradients, requested);
        if (unsupported.isEmpty()) {
            ExecutionPlan compiled = new ExecutionPlan(gradients, requested, injected, early);
            if (twoLanes) {
                compiled.runInTwoLanes();
            }
            return compiled;
        }
        boolean fused = gradients.getOps().values().stream().anyMatch(o -> o.getOp() instanceof FusedOp);
        if (fused) {
            throw new IllegalStateException("the " + network + " graph holds an op that gan4j's compiled execution does"
                    + " not run (" + unsupported.get() + ") beside gan4j's fused ops; train with Execution.SAMEDIFF (the builder's"
                    + " execution(...) or -D" + Execution.PROPERTY + "=samediff) to build and run every graph through"
                    + " SameDiff's own session");
        }
        return null;
    }

    private double sameDiffStep(Map<String, INDArray> placeholders, int epoch) {
        OutAndGrad result = graph.calculateGradientsAndOutputs(placeholders, outputs, updater.parameterNames());
        Map<String, INDArray> out = result.getOutputs();
        double loss = finish(out, result.getGradients(), epoch);
        // free the step's off-heap arrays now: left to the garbage collector, they pile up between collections and
        // every step then pays for fresh pages (steps ran 4× slower in phases of 20 or more)
        closeAll(result.getGradients().values());
        closeAll(out.values());
        return loss;
    }

    private double finish(Map<String, INDArray> out, Map<String, INDArray> gradients, int epoch) {
        long t0 = System.nanoTime();
        double loss = out.get(lossName).getDouble(0);
        if (measureGradientNorm) {
            double squares = 0;
            for (INDArray g : gradients.values()) {
                squares += sumOfSquares(g);
            }
            lastGradientNorm = Math.sqrt(squares);
        }
        long t1 = System.nanoTime();
        updater.apply(gradients, epoch);
        long t2 = System.nanoTime();
        for (BatchNormUpdate u : batchNormUpdates) {
            u.apply(out.get(u.meanOutput()), out.get(u.varOutput()));
        }
        if (OpProfile.ENABLED) {
            OpProfile.section("[norm " + network + "]", t1 - t0);
            OpProfile.section("[updater " + network + "]", t2 - t1);
            OpProfile.section("[bn stats " + network + "]", System.nanoTime() - t2);
        }
        copies.forEach((name, target) -> target.assign(out.get(name)));
        if (OpProfile.ENABLED) {
            OpProfile.section("[finish " + network + "]", System.nanoTime() - t0);
        }
        return loss;
    }

    /** Σ g² through BLAS dot on contiguous arrays (no result array, no reduction op). */
    static double sumOfSquares(INDArray g) {
        if (g.isView() || g.ordering() != 'c' || g.length() == 0) {
            double norm = g.norm2Number().doubleValue();
            return norm * norm;
        }
        INDArray flat = g.reshape(g.length());
        return org.nd4j.linalg.factory.Nd4j.getBlasWrapper().dot(flat, flat);
    }

    private static void closeAll(java.util.Collection<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }
}
