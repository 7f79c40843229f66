package org.gan4j.dl4j.internal.onnx;

import java.util.List;
import java.util.Map;
import org.gan4j.Activation;
import org.gan4j.Shape;
import org.gan4j.dl4j.internal.graph.NetworkCompiler;
import org.gan4j.dl4j.internal.graph.SpectralNormIteration;
import org.gan4j.dl4j.internal.graph.layers.LayerCompilers;
import org.gan4j.dl4j.internal.onnx.OnnxGraph.Attributes;
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
import org.gan4j.layer.WeightedLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ONNX operators of gan4j's built-in layers at inference, each the same function as the SameDiff inference graph:
 * dense → Gemm (W [in, out]), or MatMul without a bias; conv → Conv and transposed conv → ConvTranspose (kernels permuted from gan4j's
 * [kH, kW, in, out] and [kH, kW, out, in] to ONNX's [out, in, kH, kW] and [in, out, kH, kW]); a spectrally normalized
 * weight exported as W/σ from its stored u and v; batch norm → BatchNormalization on the running statistics; instance
 * norm → InstanceNormalization (scale 1 and bias 0 without the affine part); residual block → its layers then Add;
 * dropout → nothing; reshape and flatten → Reshape to [-1, shape...]; activations → Relu, LeakyRelu, Tanh, Sigmoid.
 * Initializers are named by the arrays' keys in the network's store.
 */
final class OnnxLayers {
    private final OnnxGraph graph;
    private final Map<String, INDArray> parameters;
    private final Map<String, INDArray> state;

    OnnxLayers(OnnxGraph graph, Map<String, INDArray> parameters, Map<String, INDArray> state) {
        this.graph = graph;
        this.parameters = parameters;
        this.state = state;
    }

    /**
     * @param layers the layers, first to last
     * @param prefix their keys' prefix, ending in '/'
     * @param input  the value they read
     * @param shape  its shape without the batch dimension
     * @return the value the last layer writes
     */
    String emit(List<LayerSpec> layers, String prefix, String input, Shape shape) {
        String x = input;
        Shape in = shape;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            x = emit(layer, NetworkCompiler.layerKey(prefix, i, layer), x, in);
            in = layer.outputShape(in);
        }
        return x;
    }

    private String emit(LayerSpec layer, String key, String x, Shape in) {
        if (layer instanceof Dense dense) {
            String w = graph.floats(key + "/W", weight(dense, key));
            if (!dense.bias()) {
                // MatMul, not a Gemm without C: onnxruntime 1.10 fuses Gemm + activation and then requires C
                return graph.node("MatMul", key, Attributes.none(), x, w);
            }
            return graph.node("Gemm", key, Attributes.none(), x, w, graph.floats(key + "/b", array(key + "/b")));
        }
        if (layer instanceof Conv2d conv) {
            return convolution("Conv", conv, key, x, conv.kernel(), conv.stride(), conv.padding());
        }
        if (layer instanceof Deconv2d deconv) {
            return convolution("ConvTranspose", deconv, key, x, deconv.kernel(), deconv.stride(), deconv.padding());
        }
        if (layer instanceof BatchNorm bn) {
            return graph.node("BatchNormalization", key, Attributes.none().real("epsilon", bn.epsilon()), x,
                    vector(key + "/gamma", array(key + "/gamma")), vector(key + "/beta", array(key + "/beta")),
                    vector(key + "/running_mean", stateArray(key + "/running_mean")),
                    vector(key + "/running_var", stateArray(key + "/running_var")));
        }
        if (layer instanceof InstanceNorm norm) {
            long channels = in.dim(0);
            INDArray scale = norm.affine() ? array(key + "/gamma") : Nd4j.ones(DataType.FLOAT, channels);
            INDArray shift = norm.affine() ? array(key + "/beta") : Nd4j.zeros(DataType.FLOAT, channels);
            return graph.node("InstanceNormalization", key, Attributes.none().real("epsilon", norm.epsilon()), x,
                    vector(key + "/gamma", scale), vector(key + "/beta", shift));
        }
        if (layer instanceof Residual residual) {
            String inner = emit(residual.layers(), key + "/", x, in);
            return graph.node("Add", key, Attributes.none(), x, inner);
        }
        if (layer instanceof Dropout) {
            return x;
        }
        if (layer instanceof Reshape || layer instanceof Flatten) {
            Shape out = layer.outputShape(in);
            long[] target = new long[out.rank() + 1];
            target[0] = -1;
            for (int d = 0; d < out.rank(); d++) {
                target[d + 1] = out.dim(d);
            }
            return graph.node("Reshape", key, Attributes.none(), x, graph.int64s(key + "/shape", target));
        }
        if (layer instanceof ActivationLayer activation) {
            return activation(activation.activation(), key, x);
        }
        throw new UnsupportedOperationException("layer " + key + " (" + layer + ") has no ONNX export");
    }

    private String convolution(String op, WeightedLayer layer, String key, String x, int kernel, int stride, int padding) {
        INDArray w = weight(layer, key).permute(3, 2, 0, 1);
        Attributes attributes = Attributes.none().ints("kernel_shape", kernel, kernel).ints("strides", stride, stride)
                .ints("pads", padding, padding, padding, padding);
        if (!layer.bias()) {
            return graph.node(op, key, attributes, x, graph.floats(key + "/W", w));
        }
        return graph.node(op, key, attributes, x, graph.floats(key + "/W", w), graph.floats(key + "/b", array(key + "/b")));
    }

    private String activation(Activation a, String key, String x) {
        return switch (a.kind()) {
            case RELU -> graph.node("Relu", key, Attributes.none(), x);
            case LEAKY_RELU -> graph.node("LeakyRelu", key, Attributes.none().real("alpha", a.alpha()), x);
            case TANH -> graph.node("Tanh", key, Attributes.none(), x);
            case SIGMOID -> graph.node("Sigmoid", key, Attributes.none(), x);
            case IDENTITY -> x;
        };
    }

    private INDArray weight(WeightedLayer layer, String key) {
        INDArray w = array(key + "/W");
        if (!layer.spectralNorm()) {
            return w;
        }
        return new SpectralNormIteration(w, LayerCompilers.outputAxis(layer), stateArray(key + "/sn_u"),
                stateArray(key + "/sn_v")).normalizedWeight();
    }

    private String vector(String name, INDArray values) {
        return graph.floats(name, values.reshape(values.length()));
    }

    private INDArray array(String key) {
        return required(parameters, key);
    }

    private INDArray stateArray(String key) {
        return required(state, key);
    }

    private static INDArray required(Map<String, INDArray> arrays, String key) {
        INDArray a = arrays.get(key);
        if (a == null) {
            throw new IllegalStateException("the network's store has no array " + key + " to export");
        }
        return a;
    }
}
