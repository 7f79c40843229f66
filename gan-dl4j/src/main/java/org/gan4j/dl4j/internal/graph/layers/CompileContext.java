package org.gan4j.dl4j.internal.graph.layers;

import java.util.List;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.dl4j.Execution;
import org.gan4j.dl4j.internal.graph.BatchNormUpdate;
import org.gan4j.dl4j.internal.graph.GraphParameters;
import org.gan4j.layer.LayerSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One compilation of a network into a graph, as every {@link LayerCompiler} sees it.
 *
 * @param params     the network's variables in the graph
 * @param training   whether the graph trains (batch statistics, dropout, running-statistic updates) or infers
 * @param batch      the fixed batch size of a training graph
 * @param dataType   the graph's floating-point type
 * @param weightInit how weights are initialised
 * @param execution  which ops the graph may use
 * @param updates    collects the running-statistic updates of batch norms
 * @param nested     compiles a nested list of layers (a residual block's), prefix first
 */
public record CompileContext(GraphParameters params, boolean training, long batch, DataType dataType,
                             ParameterInit weightInit, Execution execution, List<BatchNormUpdate> updates,
                             Nested nested) {

    /** Compiles nested layers. */
    @FunctionalInterface
    public interface Nested {
        /**
         * @param layers the layers
         * @param prefix the prefix of their parameter names
         * @param x      their input
         * @param in     the shape of one input sample
         * @return their output
         */
        SDVariable apply(List<LayerSpec> layers, String prefix, SDVariable x, Shape in);
    }

    /** @return the graph */
    public SameDiff graph() {
        return params.graph();
    }

    /**
     * @return whether fused ops may be used here: in graphs that only compiled plans run (training under compiled
     *         execution, and the inference graphs of {@link org.gan4j.dl4j.internal.exec.InferencePool})
     */
    public boolean fused() {
        return execution.fusedOps();
    }

    /**
     * @return whether the fused ops that pay off only in training graphs may be used here: those that exist for
     *         their hand-written gradients, or that need the fixed batch size of a training graph
     */
    public boolean fusedTraining() {
        return training && fused();
    }
}
