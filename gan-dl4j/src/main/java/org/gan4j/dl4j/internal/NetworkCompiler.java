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
import org.gan4j.layer.LayerSpec;
import org.gan4j.layer.Reshape;
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

    private final NetworkBody body;
    private final Shape inputShape;
    private final ParameterInit weightInit;

    /**
     * @param body       the layers or custom graph
     * @param inputShape the shape of one input sample
     * @param weightInit how weights are initialised
     */
    public NetworkCompiler(NetworkBody body, Shape inputShape, ParameterInit weightInit) {
        this.body = body;
        this.inputShape = inputShape;
        this.weightInit = weightInit;
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
        List<BatchNormUpdate> updates = new ArrayList<>();
        if (body instanceof NetworkBody.Custom custom) {
            SDVariable out = custom.network().define(context(params, mode), input);
            return new Compiled(out, updates);
        }
        List<LayerSpec> layers = ((NetworkBody.Layers) body).layers();
        SDVariable x = input;
        Shape shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String key = params.store().network() + "/" + i + "_" + kind(layer);
            x = apply(layer, key, params, x, shape, mode, batch, updates);
            shape = layer.outputShape(shape);
        }
        return new Compiled(x, updates);
    }

    private SDVariable apply(LayerSpec layer, String key, GraphParameters params, SDVariable x, Shape in,
                             Mode mode, long batch, List<BatchNormUpdate> updates) {
        SameDiff sd = params.graph();
        if (layer instanceof Dense d) {
            SDVariable w = params.parameter(key + "/W", weightInit, in.dim(0), d.units());
            SDVariable y = x.mmul(w);
            return d.bias() ? y.add(params.parameter(key + "/b", ParameterInit.constant(0), d.units())) : y;
        }
        if (layer instanceof Conv2d c) {
            SDVariable w = params.parameter(key + "/W", weightInit, c.kernel(), c.kernel(), in.dim(0), c.filters());
            Conv2DConfig config = Conv2DConfig.builder().kH(c.kernel()).kW(c.kernel()).sH(c.stride()).sW(c.stride())
                    .pH(c.padding()).pW(c.padding()).dataFormat("NCHW").build();
            return c.bias()
                    ? sd.cnn.conv2d(x, w, params.parameter(key + "/b", ParameterInit.constant(0), c.filters()), config)
                    : sd.cnn.conv2d(x, w, config);
        }
        if (layer instanceof Deconv2d c) {
            SDVariable w = params.parameter(key + "/W", weightInit, c.kernel(), c.kernel(), c.filters(), in.dim(0));
            DeConv2DConfig config = DeConv2DConfig.builder().kH(c.kernel()).kW(c.kernel()).sH(c.stride()).sW(c.stride())
                    .pH(c.padding()).pW(c.padding()).dataFormat("NCHW").build();
            return c.bias()
                    ? sd.cnn.deconv2d(x, w, params.parameter(key + "/b", ParameterInit.constant(0), c.filters()), config)
                    : sd.cnn.deconv2d(x, w, config);
        }
        if (layer instanceof BatchNorm bn) {
            return batchNorm(bn, key, params, x, in, mode, batch, updates);
        }
        if (layer instanceof Dropout d) {
            if (mode == Mode.INFERENCE || d.rate() == 0) {
                return x;
            }
            double keep = 1 - d.rate();
            SDVariable mask = sd.random.bernoulli(keep, DataType.FLOAT, in.withBatch(batch));
            return x.mul(mask).mul(1 / keep);
        }
        if (layer instanceof Reshape r) {
            return x.reshape(r.target().withBatch(-1));
        }
        if (layer instanceof Flatten) {
            return x.reshape(-1, in.size());
        }
        if (layer instanceof ActivationLayer a) {
            return activation(sd, a.activation(), x);
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
        SDVariable mean = x.mean(true, dims);
        SDVariable centred = x.sub(mean);
        SDVariable variance = centred.mul(centred).mean(true, dims);
        long count = in.rank() == 3 ? batch * in.dim(1) * in.dim(2) : batch;
        updates.add(new BatchNormUpdate(mean.name(), variance.name(),
                params.store().state(key + "/running_mean", 0, statShape),
                params.store().state(key + "/running_var", 1, statShape), bn.momentum(), count));
        return centred.mul(sd.math.rsqrt(variance.add(bn.epsilon())).mul(gamma)).add(beta);
    }

    /**
     * @param sd         the graph
     * @param activation the function
     * @param x          its input
     * @return the activation applied to x
     */
    public static SDVariable activation(SameDiff sd, Activation activation, SDVariable x) {
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
