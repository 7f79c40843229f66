package org.gan4j.dl4j.internal;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.Activation;
import org.gan4j.GraphContext;
import org.gan4j.NetworkBody;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.layer.ActivationLayer;
import org.gan4j.layer.BatchNorm;
import org.gan4j.layer.Conv2d;
import org.gan4j.layer.Deconv2d;
import org.gan4j.layer.Dense;
import org.gan4j.layer.Dropout;
import org.gan4j.layer.Flatten;
import org.gan4j.layer.InstanceNorm;
import org.gan4j.layer.LayerSpec;
import org.gan4j.layer.Reshape;
import org.gan4j.layer.Residual;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;

/**
 * Turns a network specification into SameDiff operations over shared parameters. Batch norm is built from basic
 * operations (SameDiff's own batchNorm cannot be differentiated in 1.0.0-M2.1) and keeps running statistics by hand.
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

    /** What a layer's input gradient needs from its forward application. */
    private record Trace(int index, LayerSpec layer, SDVariable input, SDVariable output, Shape inputShape,
                         SDVariable weight, SDVariable mask) {
    }

    private final NetworkBody body;
    private final Shape inputShape;
    private final ParameterInit weightInit;
    private final DataType dataType;

    /**
     * A compiler for float32 graphs.
     *
     * @param body       the layers or custom graph
     * @param inputShape the shape of one input sample
     * @param weightInit how weights are initialised
     */
    public NetworkCompiler(NetworkBody body, Shape inputShape, ParameterInit weightInit) {
        this(body, inputShape, weightInit, DataType.FLOAT);
    }

    /**
     * @param body       the layers or custom graph
     * @param inputShape the shape of one input sample
     * @param weightInit how weights are initialised
     * @param dataType   the floating-point type of the graph (FLOAT for training; DOUBLE for gradient checks)
     */
    public NetworkCompiler(NetworkBody body, Shape inputShape, ParameterInit weightInit, DataType dataType) {
        this.body = body;
        this.inputShape = inputShape;
        this.weightInit = weightInit;
        this.dataType = dataType;
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

    private Compiled compile(GraphParameters params, SDVariable input, Mode mode, long batch, List<Trace> traces) {
        List<BatchNormUpdate> updates = new ArrayList<>();
        if (body instanceof NetworkBody.Custom custom) {
            SDVariable out = custom.network().define(context(params, mode), input);
            return new Compiled(out, updates);
        }
        List<LayerSpec> layers = ((NetworkBody.Layers) body).layers();
        SDVariable x = applyAll(layers, params.store().network() + "/", params, input, inputShape, mode, batch, updates, traces);
        return new Compiled(x, updates);
    }

    private SDVariable applyAll(List<LayerSpec> layers, String prefix, GraphParameters params, SDVariable input,
                                Shape inputShape, Mode mode, long batch, List<BatchNormUpdate> updates, List<Trace> traces) {
        SDVariable x = input;
        Shape shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            Trace trace = apply(i, layer, prefix + i + "_" + kind(layer), params, x, shape, mode, batch, updates);
            traces.add(trace);
            x = trace.output();
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
        List<Trace> traces = new ArrayList<>();
        Compiled compiled = compile(params, input, Mode.TRAINING, batch, traces);
        SameDiff sd = params.graph();
        SDVariable g = sd.constant(org.nd4j.linalg.factory.Nd4j.ones(dataType, batch, 1));
        for (int i = traces.size() - 1; i >= 0; i--) {
            g = inputGradient(sd, traces.get(i), g);
        }
        return new org.gan4j.loss.CriticGradient(compiled.output(), g);
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
            if (layer instanceof InstanceNorm || layer instanceof Residual) {
                throw new UnsupportedOperationException(network + " layer " + i + " (" + layer + ") has no input gradient"
                        + " in gan4j's penalties yet, so a gradient penalty cannot be applied: use a " + network
                        + " of dense, convolution, dropout, reshape and activation layers");
            }
            if (layer instanceof BatchNorm) {
                throw new UnsupportedOperationException(network + " layer " + i + " (" + layer + ") has no per-sample input"
                        + " gradient, so a gradient penalty cannot be applied: use a " + network + " without batch norm"
                        + " (the WGAN-GP paper uses layer norm or none)");
            }
            if (layer instanceof Conv2d c && (shape.dim(1) + 2L * c.padding() - c.kernel()) % c.stride() != 0) {
                throw new UnsupportedOperationException(network + " layer " + i + " (" + layer + ") drops input rows"
                        + " or columns on " + shape + " ((size + 2*padding - kernel) is not a multiple of stride), so its"
                        + " input gradient is not a transposed convolution: pad the input to fit");
            }
            shape = layer.outputShape(shape);
        }
    }

    private SDVariable inputGradient(SameDiff sd, Trace t, SDVariable g) {
        LayerSpec layer = t.layer();
        if (layer instanceof Dense) {
            return sd.mmul(g, t.weight(), false, true, false);
        }
        if (layer instanceof Conv2d c) {
            if (t.inputShape().dim(0) == 1 && PhaseGraph.compiledExecution()) {
                int[] geometry = {c.kernel(), c.stride(), c.padding()};
                return PatchOps.transposedConvToOneChannel(g, t.weight(), null, geometry, t.inputShape().dim(1),
                        t.inputShape().dim(2));
            }
            DeConv2DConfig config = DeConv2DConfig.builder().kH(c.kernel()).kW(c.kernel()).sH(c.stride()).sW(c.stride())
                    .pH(c.padding()).pW(c.padding()).dataFormat("NCHW").build();
            return sd.cnn.deconv2d(g, t.weight(), config);
        }
        if (layer instanceof Deconv2d c) {
            Conv2DConfig config = Conv2DConfig.builder().kH(c.kernel()).kW(c.kernel()).sH(c.stride()).sW(c.stride())
                    .pH(c.padding()).pW(c.padding()).dataFormat("NCHW").build();
            return sd.cnn.conv2d(g, t.weight(), config);
        }
        if (layer instanceof Dropout) {
            return t.mask() == null ? g : g.mul(t.mask());
        }
        if (layer instanceof Reshape || layer instanceof Flatten) {
            return g.reshape(t.inputShape().withBatch(-1));
        }
        if (layer instanceof ActivationLayer a) {
            if (t.mask() != null) {
                return g.mul(t.mask());
            }
            return switch (a.activation().kind()) {
                case RELU -> g.mul(t.input().gt(0.0).castTo(dataType));
                case LEAKY_RELU -> g.mul(t.input().gt(0.0).castTo(dataType).mul(1 - a.activation().alpha())
                        .add(a.activation().alpha()));
                case TANH -> g.mul(t.output().mul(t.output()).rsub(1.0));
                case SIGMOID -> g.mul(t.output().mul(t.output().rsub(1.0)));
                case IDENTITY -> g;
            };
        }
        throw new UnsupportedOperationException("critic layer " + t.index() + " (" + layer + ") has no input gradient");
    }

    private Trace apply(int index, LayerSpec layer, String key, GraphParameters params, SDVariable x, Shape in,
                        Mode mode, long batch, List<BatchNormUpdate> updates) {
        SameDiff sd = params.graph();
        if (layer instanceof Dense d) {
            SDVariable w = params.parameter(key + "/W", weightInit, in.dim(0), d.units());
            SDVariable y = x.mmul(w);
            y = d.bias() ? y.add(params.parameter(key + "/b", ParameterInit.constant(0), d.units())) : y;
            return new Trace(index, layer, x, y, in, w, null);
        }
        if (layer instanceof Conv2d c) {
            SDVariable w = params.parameter(key + "/W", weightInit, c.kernel(), c.kernel(), in.dim(0), c.filters());
            Conv2DConfig config = Conv2DConfig.builder().kH(c.kernel()).kW(c.kernel()).sH(c.stride()).sW(c.stride())
                    .pH(c.padding()).pW(c.padding()).dataFormat("NCHW").build();
            SDVariable b = c.bias() ? params.parameter(key + "/b", ParameterInit.constant(0), c.filters()) : null;
            if (in.dim(0) == 1 && mode == Mode.TRAINING && PhaseGraph.compiledExecution()) {
                int[] geometry = {c.kernel(), c.stride(), c.padding()};
                return new Trace(index, layer, x, PatchOps.convFromOneChannel(x, w, b, geometry, in.dim(1),
                        in.dim(2)), in, w, null);
            }
            SDVariable y = b != null ? sd.cnn.conv2d(x, w, b, config) : sd.cnn.conv2d(x, w, config);
            return new Trace(index, layer, x, y, in, w, null);
        }
        if (layer instanceof Deconv2d c) {
            SDVariable w = params.parameter(key + "/W", weightInit, c.kernel(), c.kernel(), c.filters(), in.dim(0));
            DeConv2DConfig config = DeConv2DConfig.builder().kH(c.kernel()).kW(c.kernel()).sH(c.stride()).sW(c.stride())
                    .pH(c.padding()).pW(c.padding()).dataFormat("NCHW").build();
            SDVariable b = c.bias() ? params.parameter(key + "/b", ParameterInit.constant(0), c.filters()) : null;
            if (c.filters() == 1 && mode == Mode.TRAINING && PhaseGraph.compiledExecution()) {
                Shape out = layer.outputShape(in);
                int[] geometry = {c.kernel(), c.stride(), c.padding()};
                SDVariable y = PatchOps.transposedConvToOneChannel(x, w, b, geometry, out.dim(1), out.dim(2));
                return new Trace(index, layer, x, y, in, w, null);
            }
            SDVariable y = b != null ? sd.cnn.deconv2d(x, w, b, config) : sd.cnn.deconv2d(x, w, config);
            return new Trace(index, layer, x, y, in, w, null);
        }
        if (layer instanceof BatchNorm bn) {
            return new Trace(index, layer, x, batchNorm(bn, key, params, x, in, mode, batch, updates), in, null, null);
        }
        if (layer instanceof InstanceNorm norm) {
            return new Trace(index, layer, x, instanceNorm(norm, key, params, x, in), in, null, null);
        }
        if (layer instanceof Residual r) {
            SDVariable f = applyAll(r.layers(), key + "/", params, x, in, mode, batch, updates, new ArrayList<>());
            return new Trace(index, layer, x, x.add(f), in, null, null);
        }
        if (layer instanceof Dropout d) {
            if (mode == Mode.INFERENCE || d.rate() == 0) {
                return new Trace(index, layer, x, x, in, null, null);
            }
            double keep = 1 - d.rate();
            SDVariable mask = sd.random.bernoulli(keep, dataType, in.withBatch(batch)).mul(1 / keep);
            return new Trace(index, layer, x, x.mul(mask), in, null, mask);
        }
        if (layer instanceof Reshape r) {
            return new Trace(index, layer, x, x.reshape(r.target().withBatch(-1)), in, null, null);
        }
        if (layer instanceof Flatten) {
            return new Trace(index, layer, x, x.reshape(-1, in.size()), in, null, null);
        }
        if (layer instanceof ActivationLayer a) {
            Activation.Kind kind = a.activation().kind();
            if (mode == Mode.TRAINING && PhaseGraph.compiledExecution()
                    && (kind == Activation.Kind.RELU || kind == Activation.Kind.LEAKY_RELU)) {
                double alpha = kind == Activation.Kind.RELU ? 0 : a.activation().alpha();
                SDVariable[] fused = new FusedRectifier(sd, x, alpha).outputVariables();
                return new Trace(index, layer, x, fused[0], in, null, fused[1]);
            }
            SDVariable slope = maskedSlope(a.activation(), x, mode == Mode.TRAINING ? batch * in.size() : 0);
            SDVariable y = slope != null ? x.mul(slope) : activation(sd, a.activation(), x, 0);
            return new Trace(index, layer, x, y, in, null, slope);
        }
        throw new IllegalArgumentException("no compilation for layer " + layer);
    }

    private SDVariable batchNorm(BatchNorm bn, String key, GraphParameters params, SDVariable x, Shape in, Mode mode,
                                 long batch, List<BatchNormUpdate> updates) {
        long channels = in.dim(0);
        long[] statShape = in.rank() == 3 ? new long[] {1, channels, 1, 1} : new long[] {1, channels};
        int[] dims = in.rank() == 3 ? new int[] {0, 2, 3} : new int[] {0};
        SDVariable gamma = params.parameter(key + "/gamma", ParameterInit.constant(1), statShape);
        SDVariable beta = params.parameter(key + "/beta", ParameterInit.constant(0), statShape);
        SameDiff sd = params.graph();
        if (mode == Mode.INFERENCE) {
            SDVariable runningMean = params.state(key + "/running_mean", 0, statShape);
            SDVariable runningVar = params.state(key + "/running_var", 1, statShape);
            SDVariable scale = sd.math.rsqrt(runningVar.add(bn.epsilon())).mul(gamma);
            return x.sub(runningMean).mul(scale).add(beta);
        }
        long count = in.rank() == 3 ? batch * in.dim(1) * in.dim(2) : batch;
        if (PhaseGraph.compiledExecution()) {
            SDVariable[] fused = new FusedBatchNorm(sd, x, gamma, beta, bn.epsilon()).outputVariables();
            updates.add(new BatchNormUpdate(fused[1].name(), fused[2].name(),
                    params.store().state(key + "/running_mean", 0, statShape),
                    params.store().state(key + "/running_var", 1, statShape), bn.momentum(), count));
            return fused[0];
        }
        SDVariable mean = x.mean(true, dims);
        SDVariable centred = x.sub(mean);
        SDVariable variance = centred.mul(centred).mean(true, dims);
        updates.add(new BatchNormUpdate(mean.name(), variance.name(),
                params.store().state(key + "/running_mean", 0, statShape),
                params.store().state(key + "/running_var", 1, statShape), bn.momentum(), count));
        return channelAffine(sd, centred, sd.math.rsqrt(variance.add(bn.epsilon())).mul(gamma), beta, channels, in.rank());
    }

    /**
     * x·scale + shift with one scale and shift per channel, as a 1×1 depthwise convolution: SameDiff M2.1's gradient
     * of a broadcast multiplication (multiply_bp) is 5–8× slower than the depthwise convolution's, which made batch
     * norm a third of a DCGAN iteration.
     */
    private static SDVariable channelAffine(SameDiff sd, SDVariable x, SDVariable scale, SDVariable shift, long channels,
                                            int rank) {
        Conv2DConfig pointwise = Conv2DConfig.builder().kH(1).kW(1).sH(1).sW(1).dataFormat("NCHW").build();
        SDVariable images = rank == 3 ? x : x.reshape(-1, channels, 1, 1);
        SDVariable y = sd.cnn.depthWiseConv2d(images, scale.reshape(1, 1, channels, 1), shift.reshape(channels), pointwise);
        return rank == 3 ? y : y.reshape(-1, channels);
    }

    private static SDVariable instanceNorm(InstanceNorm norm, String key, GraphParameters params, SDVariable x, Shape in) {
        SameDiff sd = params.graph();
        SDVariable centred = x.sub(x.mean(true, 2, 3));
        SDVariable variance = centred.mul(centred).mean(true, 2, 3);
        // a division by the standard deviation: its gradient is far faster than a broadcast multiplication's
        SDVariable y = centred.div(sd.math.sqrt(variance.add(norm.epsilon())));
        if (!norm.affine()) {
            return y;
        }
        long[] statShape = {1, in.dim(0), 1, 1};
        return channelAffine(sd, y, params.parameter(key + "/gamma", ParameterInit.constant(1), statShape),
                params.parameter(key + "/beta", ParameterInit.constant(0), statShape), in.dim(0), 3);
    }

    /**
     * The slope of ReLU (0/1) or leaky ReLU (α/1) at x, for batches of {@value #MASKED_ACTIVATION_ELEMENTS} values and
     * more: x times it is the activation, and SameDiff M2.1's relu and lrelu gradients are 4-5x slower than these
     * operations together on large batches; the derivative is the same (at 0: 0 or α, as in PyTorch). A critic's input
     * gradient reuses it.
     *
     * @return the slope, or null for other activations and smaller batches
     */
    private static SDVariable maskedSlope(Activation activation, SDVariable x, long elements) {
        if (elements < MASKED_ACTIVATION_ELEMENTS) {
            return null;
        }
        return switch (activation.kind()) {
            case RELU -> x.gt(0.0).castTo(x.dataType());
            case LEAKY_RELU -> x.gt(0.0).castTo(x.dataType()).mul(1 - activation.alpha()).add(activation.alpha());
            default -> null;
        };
    }

    /** Batch elements from which ReLU and leaky ReLU are built as masks (measured break-even: 32k to 64k). */
    static final long MASKED_ACTIVATION_ELEMENTS = 65_536;

    /**
     * @param sd         the graph
     * @param activation the function
     * @param x          its input
     * @param elements   the number of values in a batch of x (0 when unknown)
     * @return the activation applied to x
     */
    public static SDVariable activation(SameDiff sd, Activation activation, SDVariable x, long elements) {
        SDVariable slope = maskedSlope(activation, x, elements);
        if (slope != null) {
            return x.mul(slope);
        }
        return switch (activation.kind()) {
            case RELU -> sd.nn.relu(x, 0);
            case LEAKY_RELU -> sd.nn.leakyRelu(x, activation.alpha());
            case TANH -> sd.math.tanh(x);
            case SIGMOID -> sd.nn.sigmoid(x);
            case IDENTITY -> x;
        };
    }

    private static String kind(LayerSpec layer) {
        String name = layer.getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static GraphContext context(GraphParameters params, Mode mode) {
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
                return params.parameter(params.store().network() + "/custom/" + name, init, shape);
            }

            @Override
            public boolean training() {
                return mode == Mode.TRAINING;
            }
        };
    }
}
