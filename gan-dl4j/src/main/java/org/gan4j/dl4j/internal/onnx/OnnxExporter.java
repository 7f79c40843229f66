package org.gan4j.dl4j.internal.onnx;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import onnx.Onnx;
import org.gan4j.Generator;
import org.gan4j.NetworkBody;
import org.gan4j.Translator;
import org.gan4j.dl4j.BuildInfo;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.onnx.OnnxGraph.Attributes;
import org.gan4j.dl4j.io.AtomicFiles;

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
     * A generator: inputs {@code latentName} [n, latent size] and, for a conditional generator, {@code labelName}
     * [n, classes] (one-hot, joined after the latent vector as in training); output {@code sampleName} [n, sample...].
     *
     * @param spec       the generator
     * @param store      its arrays
     * @param metadata   metadata properties to record (latent distribution, shapes...)
     * @param names      the input, label and output names
     * @param file       the file to write
     */
    public static void generator(Generator spec, ParameterStore store, Map<String, String> metadata, String[] names,
                                 Path file) {
        NetworkBody.Layers layers = layersOf(spec.body(), "generator");
        OnnxGraph graph = new OnnxGraph("gan4j_generator");
        String input = graph.input(names[0], spec.latent().size());
        if (spec.classes() > 0) {
            String label = graph.input(names[1], spec.classes());
            input = graph.node("Concat", "generator/input", Attributes.none().integer("axis", 1), input, label);
        }
        String out = new OnnxLayers(graph, store.parameters(), store.state())
                .emit(layers.layers(), store.network() + "/", input, spec.bodyInputShape());
        graph.output(names[2], out, spec.outputShape().dims());
        write(graph, "a gan4j generator", metadata, file);
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
        throw new UnsupportedOperationException("the " + role + " is a custom graph network (" + body
                + "), which has no ONNX export: only networks built from gan4j's layers can be exported");
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
