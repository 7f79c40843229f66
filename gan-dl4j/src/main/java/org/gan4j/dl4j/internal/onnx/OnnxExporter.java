package org.gan4j.dl4j.internal.onnx;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import onnx.Onnx;
import org.gan4j.Generator;
import org.gan4j.ImagePreview;
import org.gan4j.Shape;
import org.gan4j.NetworkBody;
import org.gan4j.Translator;
import org.gan4j.dl4j.BuildInfo;
import org.gan4j.dl4j.OnnxForm;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.onnx.OnnxGraph.Attributes;
import org.gan4j.dl4j.io.AtomicFiles;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes a network built from layers as an ONNX model (IR version {@value #IR_VERSION}, default-domain opset
 * {@value #OPSET}): float32 inputs and outputs with a symbolic batch dimension {@value OnnxGraph#BATCH}, the arrays as
 * initializers, gan4j's metadata as metadata properties. The file is written atomically. A custom graph network is
 * refused: only the built-in layers have a known ONNX form.
 */
public final class OnnxExporter {
    /** The ONNX IR version written (7: ONNX 1.8, read by onnxruntime 1.6 and later). */
    public static final int IR_VERSION = 7;
    /** The default-domain operator set the models use. */
    public static final int OPSET = 13;

    private OnnxExporter() {
    }

    /**
     * A generator: inputs {@code names[0]} [n, latent size] and, for a conditional generator, {@code names[1]} (joined
     * after the latent vector as in training); output {@code names[2]}, in the given form.
     *
     * @param spec     the generator
     * @param store    its arrays
     * @param metadata metadata properties to record (latent distribution, shapes...)
     * @param names    the latent, label and output names
     * @param form     the interface: gan4j's float samples and one-hot classes, or uint8 RGB images and class indices
     * @param file     the file to write
     */
    public static void generator(Generator spec, ParameterStore store, Map<String, String> metadata, String[] names,
                                 OnnxForm form, Path file) {
        NetworkBody.Layers layers = layersOf(spec.body(), "generator");
        Shape out = spec.outputShape();
        boolean images = form == OnnxForm.UINT8_RGB;
        if (images && !ImagePreview.isImageShape(out)) {
            throw new IllegalArgumentException("form " + form + " needs images [1 or 3, height, width] but the generator's"
                    + " samples are " + out);
        }
        OnnxGraph graph = new OnnxGraph("gan4j_generator");
        String input = graph.input(names[0], spec.latent().size());
        if (spec.classes() > 0) {
            String label = images ? oneHot(graph, graph.typedInput(names[1], Onnx.TensorProto.DataType.INT64_VALUE),
                    spec.classes()) : graph.input(names[1], spec.classes());
            input = graph.node("Concat", "generator/input", Attributes.none().integer("axis", 1), input, label);
        }
        String sample = new OnnxLayers(graph, store.parameters(), store.state())
                .emit(layers.layers(), store.network() + "/", input, spec.bodyInputShape());
        if (images) {
            graph.typedOutput(names[2], Onnx.TensorProto.DataType.UINT8_VALUE, rgbBytes(graph, sample, out.dim(0)),
                    3, out.dim(1), out.dim(2));
        } else {
            graph.output(names[2], sample, out.dims());
        }
        write(graph, "a gan4j generator", metadata, file);
    }

    /**
     * A VAE's decoder: input {@code names[0]} [n, latent size], output {@code names[1]}, the likelihood's mean of the
     * decoder's output ({@code meanOp} applied to it, or the output itself when {@code meanOp} is null).
     *
     * @param decoder  the decoder
     * @param store    its arrays
     * @param meanOp   the ONNX operator of the likelihood's mean ({@code Sigmoid} for Bernoulli logits), or null
     * @param metadata metadata properties to record
     * @param names    the latent and output names
     * @param file     the file to write
     */
    public static void decoder(Generator decoder, ParameterStore store, String meanOp, Map<String, String> metadata,
                               String[] names, Path file) {
        NetworkBody.Layers layers = layersOf(decoder.body(), "decoder");
        OnnxGraph graph = new OnnxGraph("gan4j_vae_decoder");
        String input = graph.input(names[0], decoder.latent().size());
        String out = new OnnxLayers(graph, store.parameters(), store.state())
                .emit(layers.layers(), store.network() + "/", input, decoder.bodyInputShape());
        if (meanOp != null) {
            out = graph.node(meanOp, "decoder/mean", Attributes.none(), out);
        }
        graph.output(names[1], out, decoder.outputShape().dims());
        write(graph, "the decoder of a gan4j VAE", metadata, file);
    }

    /** @return float32 one-hot rows [n, classes] of int64 class indices [n] */
    private static String oneHot(OnnxGraph graph, String indices, int classes) {
        String values = graph.floats("generator/one_hot_values", Nd4j.createFromArray(0f, 1f));
        return graph.node("OneHot", "generator/one_hot", Attributes.none().integer("axis", -1), indices,
                graph.int64s("generator/classes", classes), values);
    }

    /** @return uint8 [n, 3, h, w] = clip(round((x + 1)·127.5), 0, 255) of images x in [-1, 1] */
    private static String rgbBytes(OnnxGraph graph, String x, long channels) {
        String shifted = graph.node("Add", "images/shifted", Attributes.none(), x, graph.scalar("images/one", 1f));
        String scaled = graph.node("Mul", "images/scaled", Attributes.none(), shifted, graph.scalar("images/half_range", 127.5f));
        String rounded = graph.node("Round", "images/rounded", Attributes.none(), scaled);
        String clipped = graph.node("Clip", "images/clipped", Attributes.none(), rounded, graph.scalar("images/min", 0f),
                graph.scalar("images/max", 255f));
        String rgb = channels == 3 ? clipped
                : graph.node("Concat", "images/rgb", Attributes.none().integer("axis", 1), clipped, clipped, clipped);
        return graph.node("Cast", "images/bytes", Attributes.none().integer("to", Onnx.TensorProto.DataType.UINT8_VALUE), rgb);
    }

    /**
     * An image-to-image translator: input {@code names[0]} [n, input shape...], output {@code names[1]}.
     *
     * @param spec     the translator
     * @param store    its arrays
     * @param metadata metadata properties to record
     * @param names    the input and output names
     * @param file     the file to write
     */
    public static void translator(Translator spec, ParameterStore store, Map<String, String> metadata, String[] names,
                                  Path file) {
        NetworkBody.Layers layers = layersOf(spec.body(), "translator");
        OnnxGraph graph = new OnnxGraph("gan4j_translator");
        String input = graph.input(names[0], spec.inputShape().dims());
        String out = new OnnxLayers(graph, store.parameters(), store.state())
                .emit(layers.layers(), store.network() + "/", input, spec.inputShape());
        graph.output(names[1], out, spec.outputShape().dims());
        write(graph, "a gan4j image translator", metadata, file);
    }

    private static NetworkBody.Layers layersOf(NetworkBody body, String role) {
        if (body instanceof NetworkBody.Layers layers) {
            return layers;
        }
        throw new UnsupportedOperationException("the " + role + " is a custom graph network (output "
                + ((NetworkBody.Custom) body).outputShape() + "), which has no ONNX export: only networks built from"
                + " gan4j's layers can be exported");
    }

    private static void write(OnnxGraph graph, String description, Map<String, String> metadata, Path file) {
        Onnx.ModelProto.Builder model = Onnx.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("gan4j")
                .setProducerVersion(BuildInfo.version())
                .setDocString(description + ", exported by gan4j " + BuildInfo.version() + " (" + BuildInfo.commit() + ")")
                .setGraph(graph.build());
        new TreeMap<>(metadata).forEach((k, v) ->
                model.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        AtomicFiles.write(file, model.build().toByteArray());
    }
}
