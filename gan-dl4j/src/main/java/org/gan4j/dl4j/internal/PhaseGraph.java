package org.gan4j.dl4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training phase (a discriminator step or a generator step): a graph built once with its loss and its gradient
 * function, fed from placeholder arrays that are refilled in place, and the updater of the network it trains.
 */
public final class PhaseGraph {
    private final String network;
    private final SameDiff graph;
    private final String lossName;
    private final NetworkUpdater updater;
    private final List<BatchNormUpdate> batchNormUpdates;
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, INDArray> copies = new java.util.LinkedHashMap<>();
    private boolean measureGradientNorm;
    private double lastGradientNorm = Double.NaN;

    /**
     * Builds the gradient function (silently: SameDiff prints every differentiated op).
     *
     * @param network          "generator" or "discriminator", for messages
     * @param graph            the graph, with its loss variable
     * @param lossName         the loss variable's name
     * @param updater          the trained network's optimizer
     * @param batchNormUpdates the running statistics this phase updates
     */
    public PhaseGraph(String network, SameDiff graph, String lossName, NetworkUpdater updater, List<BatchNormUpdate> batchNormUpdates) {
        this.network = network;
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
     * Runs one step: forward, backward, optimizer update, running statistics.
     *
     * @param placeholders the arrays fed to the placeholders, refilled in place by the caller
     * @param epoch        the current epoch
     * @return the loss before the update
     */
    public double step(Map<String, INDArray> placeholders, int epoch) {
        OutAndGrad result = graph.calculateGradientsAndOutputs(placeholders, outputs, updater.parameterNames());
        Map<String, INDArray> out = result.getOutputs();
        double loss = out.get(lossName).getDouble(0);
        if (measureGradientNorm) {
            double squares = 0;
            for (INDArray g : result.getGradients().values()) {
                double norm = g.norm2Number().doubleValue();
                squares += norm * norm;
            }
            lastGradientNorm = Math.sqrt(squares);
        }
        updater.apply(result.getGradients(), epoch);
        for (BatchNormUpdate u : batchNormUpdates) {
            u.apply(out.get(u.meanOutput()), out.get(u.varOutput()));
        }
        copies.forEach((name, target) -> target.assign(out.get(name)));
        // free the step's off-heap arrays now: left to the garbage collector, they pile up between collections and
        // every step then pays for fresh pages (steps ran 4× slower in phases of 20 or more)
        closeAll(result.getGradients().values());
        closeAll(out.values());
        return loss;
    }

    private static void closeAll(java.util.Collection<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }
}
