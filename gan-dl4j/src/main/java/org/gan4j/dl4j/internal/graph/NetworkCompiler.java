package org.gan4j.dl4j.internal.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gan4j.GraphContext;
import org.gan4j.NetworkBody;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.dl4j.Execution;
import org.gan4j.dl4j.internal.graph.layers.CompileContext;
import org.gan4j.dl4j.internal.graph.layers.InferenceFusion;
import org.gan4j.dl4j.internal.graph.layers.LayerCompiler;
import org.gan4j.dl4j.internal.graph.layers.LayerCompilers;
import org.gan4j.layer.LayerSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Turns a network specification into SameDiff operations over shared parameters, one layer at a time through the
 * layer's {@link LayerCompiler}; the execution strategy decides whether training graphs may use gan4j's fused ops.
 * Custom graph networks define themselves through a {@link GraphContext}.
 */
public final class NetworkCompiler {

    /** What the graph is for. */
    public enum Mode {
        /** Batch statistics, dropout active, running statistics reported for update. */
        TRAINING,
        /** Running statistics, no dropout. */
        INFERENCE
    }

    /**
     * The result of compiling a network into a graph.
     *
     * @param output           the network's output variable
     * @param batchNormUpdates the running-statistic updates this application produces (training mode only)
     */
    public record Compiled(SDVariable output, List<BatchNormUpdate> batchNormUpdates) {
    }

    private final NetworkBody body;
    private final Shape inputShape;
    private final ParameterInit weightInit;
    private final DataType dataType;
    private final Execution execution;

    /**
     * @param body       the layers or custom graph
     * @param inputShape the shape of one input sample
     * @param weightInit how weights are initialised
     * @param dataType   the floating-point type of the graph (FLOAT for training; DOUBLE for gradient checks)
     * @param execution  which ops training graphs may use ({@link Execution#SAMEDIFF} for inference graphs: stock ops)
     */
    public NetworkCompiler(NetworkBody body, Shape inputShape, ParameterInit weightInit, DataType dataType,
                           Execution execution) {
        this.body = body;
        this.inputShape = inputShape;
        this.weightInit = weightInit;
        this.dataType = dataType;
        this.execution = execution;
    }

    /**
     * A compiler of inference graphs (stock SameDiff ops, float32).
     *
     * @param body       the layers or custom graph
     * @param inputShape the shape of one input sample
     * @param weightInit how weights are initialised
     * @return the compiler
     */
    public static NetworkCompiler forInference(NetworkBody body, Shape inputShape, ParameterInit weightInit) {
        return forInference(body, inputShape, weightInit, false);
    }

    /**
     * A compiler of inference graphs, float32.
     *
     * @param body       the layers or custom graph
     * @param inputShape the shape of one input sample
     * @param weightInit how weights are initialised
     * @param fused      true for a graph that only compiled plans run (it may hold gan4j's fused ops, which SameDiff's
     *                   session and its file format do not know); false for stock SameDiff ops
     * @return the compiler
     */
    public static NetworkCompiler forInference(NetworkBody body, Shape inputShape, ParameterInit weightInit,
                                               boolean fused) {
        return new NetworkCompiler(body, inputShape, weightInit, DataType.FLOAT,
                fused ? Execution.COMPILED : Execution.SAMEDIFF);
    }

    /**
     * Adds the network to a graph.
     *
     * @param params the network's variables in that graph
     * @param input  the input batch
     * @param mode   training or inference
     * @param batch  the fixed batch size of a training graph (used by dropout masks); ignored for inference
     * @return the output and the batch-norm updates
     */
    public Compiled compile(GraphParameters params, SDVariable input, Mode mode, long batch) {
        return compile(params, input, mode, batch, new ArrayList<>());
    }

    private Compiled compile(GraphParameters params, SDVariable input, Mode mode, long batch,
                             List<LayerCompiler.Trace> traces) {
        List<BatchNormUpdate> updates = new ArrayList<>();
        if (body instanceof NetworkBody.Custom custom) {
            SDVariable out = custom.network().define(graphContext(params, mode, "custom"), input);
            return new Compiled(out, updates);
        }
        CompileContext context = context(params, mode == Mode.TRAINING, batch, updates);
        List<LayerSpec> layers = ((NetworkBody.Layers) body).layers();
        return new Compiled(applyAll(context, layers, params.store().network() + "/", input, inputShape, traces), updates);
    }

    private CompileContext context(GraphParameters params, boolean training, long batch, List<BatchNormUpdate> updates) {
        CompileContext[] self = new CompileContext[1];
        self[0] = new CompileContext(params, training, batch, dataType, weightInit, execution, updates,
                (layers, prefix, x, in) -> applyAll(self[0], layers, prefix, x, in, new ArrayList<>()));
        return self[0];
    }

    private static SDVariable applyAll(CompileContext c, List<LayerSpec> layers, String prefix, SDVariable input,
                                       Shape inputShape, List<LayerCompiler.Trace> traces) {
        SDVariable x = input;
        Shape shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String key = layerKey(prefix, i, layer);
            Optional<SDVariable> pair = i + 1 < layers.size()
                    ? InferenceFusion.pair(c, layer, layers.get(i + 1), key, x, shape) : Optional.empty();
            if (pair.isPresent()) {
                x = pair.get();
                shape = layers.get(i + 1).outputShape(layer.outputShape(shape));
                i++;
                continue;
            }
            LayerCompiler.Forward forward = LayerCompilers.of(layer).forward(c, layer, key, x, shape);
            traces.add(new LayerCompiler.Trace(i, layer, x, shape, forward));
            x = forward.output();
            shape = layer.outputShape(shape);
        }
        return x;
    }

    /**
     * Applies a network that ends in one score per sample and builds, from forward operations only, the gradient
     * of each sample's score with respect to that sample (for gradient penalties: first-order automatic
     * differentiation of the result is then exact).
     *
     * @param params the network's variables in the graph
     * @param input  the input batch
     * @param batch  the fixed batch size
     * @return the scores [batch, 1] and the input gradient [batch, input shape...]
     * @throws UnsupportedOperationException if a layer has no per-sample input gradient, naming it
     */
    public org.gan4j.loss.CriticGradient compileWithInputGradient(GraphParameters params, SDVariable input, long batch) {
        requireInputGradient("critic");
        List<LayerCompiler.Trace> traces = new ArrayList<>();
        Compiled compiled = compile(params, input, Mode.TRAINING, batch, traces);
        SameDiff sd = params.graph();
        CompileContext context = context(params, true, batch, new ArrayList<>());
        SDVariable g = sd.constant(org.nd4j.linalg.factory.Nd4j.ones(dataType, batch, 1));
        for (int i = traces.size() - 1; i >= 0; i--) {
            g = inputGradient(context, traces.get(i), g);
        }
        return new org.gan4j.loss.CriticGradient(compiled.output(), g);
    }

    private static <L extends LayerSpec> SDVariable inputGradient(CompileContext c, LayerCompiler.Trace t, SDVariable g) {
        @SuppressWarnings("unchecked")
        L layer = (L) t.layer();
        return LayerCompilers.of(layer).inputGradient(c, layer, t, g);
    }

    /**
     * Checks that every layer has a per-sample input gradient (no batch norm, no custom graph).
     *
     * @param network the network's role, for the message
     * @throws UnsupportedOperationException naming the first layer without one
     */
    public void requireInputGradient(String network) {
        if (body instanceof NetworkBody.Custom) {
            throw new UnsupportedOperationException("a penalty needs the " + network + "'s input gradient, which a custom"
                    + " graph network cannot supply: build the " + network + " from layers");
        }
        List<LayerSpec> layers = ((NetworkBody.Layers) body).layers();
        Shape shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            Optional<String> problem = LayerCompilers.of(layer).inputGradientProblem(layer, shape, network);
            if (problem.isPresent()) {
                throw new UnsupportedOperationException(network + " layer " + i + " (" + layer + ") " + problem.get());
            }
            shape = layer.outputShape(shape);
        }
    }

    /**
     * @param prefix the network's (or enclosing block's) prefix, ending in '/'
     * @param index  the layer's position in its list
     * @param layer  the layer
     * @return the key its arrays are stored under (for example {@code generator/0_dense}, then {@code /W})
     */
    public static String layerKey(String prefix, int index, LayerSpec layer) {
        return prefix + index + "_" + kind(layer);
    }

    private static String kind(LayerSpec layer) {
        String name = layer.getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * @param params a network's variables in a graph
     * @param mode   training or inference
     * @param scope  the name scope of the parameters created through the context, within the network
     * @return what a custom graph (or a likelihood with learned parameters) builds its operations with
     */
    public static GraphContext graphContext(GraphParameters params, Mode mode, String scope) {
        return new GraphContext() {
            @Override
            public SameDiff graph() {
                return params.graph();
            }

            @Override
            public SDVariable parameter(String name, ParameterInit init, long... shape) {
                if (name == null || !name.matches("[A-Za-z0-9_]+")) {
                    throw new IllegalArgumentException("parameter name must match [A-Za-z0-9_]+ but was " + name);
                }
                return params.parameter(params.store().network() + "/" + scope + "/" + name, init, shape);
            }

            @Override
            public boolean training() {
                return mode == Mode.TRAINING;
            }
        };
    }
}
