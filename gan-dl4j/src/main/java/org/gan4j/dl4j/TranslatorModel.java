package org.gan4j.dl4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.gan4j.ImageTranslator;
import org.gan4j.Shape;
import org.gan4j.Translator;
import org.gan4j.dl4j.internal.exec.InferencePool;
import org.gan4j.dl4j.internal.exec.OpSchedule;
import org.gan4j.dl4j.internal.graph.CycleGanGraphs;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.onnx.OnnxExporter;
import org.gan4j.dl4j.io.ModelArchive;
import org.gan4j.dl4j.io.SpecCodec;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained image-to-image network ready to translate: a SameDiff inference graph with placeholder {@value #INPUT}
 * [n, input shape...] and output {@value #OUTPUT}. {@link #save(Path)} writes one zip archive holding
 * {@value #GRAPH_ENTRY} (a plain SameDiff file), {@value #META_ENTRY} (shapes, format version) and, for a translator
 * built from layers, its spec and arrays; {@link #load(Path)} rebuilds it from those, checked in Java (see
 * {@link GeneratorModel} for the trust model). One model can be shared between threads: a translator built from layers
 * runs compiled plans from a pool of execution contexts, one per concurrent caller, so calls do not wait for each
 * other; one loaded from a SameDiff file runs one call at a time.
 *
 * @since 0.1.0
 */
public final class TranslatorModel implements ImageTranslator {
    /** The placeholder holding input images. */
    public static final String INPUT = "input";
    /** The output holding translated images. */
    public static final String OUTPUT = "translated";
    /** The archive entry holding the SameDiff graph. */
    public static final String GRAPH_ENTRY = "translator.samediff";
    /** The archive entry holding the metadata. */
    public static final String META_ENTRY = "translator.properties";
    /** The archive format this version writes (2: with the network spec and arrays); formats 1 and 2 are read. */
    public static final int FORMAT_VERSION = 2;
    private static final ModelArchive ARCHIVE = new ModelArchive("translator", META_ENTRY, GRAPH_ENTRY, FORMAT_VERSION);

    private final SameDiff graph;
    private final Shape inputShape;
    private final Shape outputShape;
    private final Translator spec;
    private final ParameterStore store;
    private final InferencePool pool;

    private TranslatorModel(SameDiff graph, Shape inputShape, Shape outputShape, Translator spec, ParameterStore store) {
        this.graph = graph;
        this.inputShape = inputShape;
        this.outputShape = outputShape;
        this.spec = spec;
        this.store = store;
        this.pool = spec == null || OpSchedule.unsupportedOp(graph, List.of(OUTPUT)).isPresent() ? null
                : InferencePool.perCore(() -> CycleGanGraphs.inference(spec, store, INPUT, OUTPUT, true), List.of(OUTPUT));
    }

    /**
     * @param spec  the translator
     * @param store its arrays (live or averaged), shared with training
     * @return the translator compiled for inference over the store
     */
    static TranslatorModel of(Translator spec, ParameterStore store) {
        return new TranslatorModel(CycleGanGraphs.inference(spec, store, INPUT, OUTPUT), spec.inputShape(),
                spec.outputShape(), spec, store);
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public INDArray translate(INDArray images) {
        INDArray input = ModelInputs.batchOf(images, inputShape);
        if (pool != null) {
            return pool.run(Map.of(INPUT, input)).get(OUTPUT);
        }
        synchronized (graph) {
            return graph.output(Map.of(INPUT, input), OUTPUT).get(OUTPUT).dup();
        }
    }

    /**
     * Writes the translator atomically: to a temporary file beside {@code file}, then renamed over it.
     *
     * @param file the archive to write
     */
    public synchronized void save(Path file) {
        Properties p = new Properties();
        p.setProperty("input.shape", ModelArchive.dims(inputShape));
        p.setProperty("output.shape", ModelArchive.dims(outputShape));
        boolean safe = spec != null && SpecCodec.hasJsonForm(spec.body());
        ARCHIVE.write(file, p, graph, safe ? SavedNetworks.entries(Map.of("translator", SpecCodec.write(spec)),
                Map.of("translator", store)) : Map.of());
    }

    /**
     * Exports the translator as an ONNX model (IR version 7, opset {@value OnnxExporter#OPSET}), written atomically:
     * input {@value #INPUT} float32 [n, input shape...], output {@value #OUTPUT} float32 [n, output shape...], n
     * symbolic; the model computes what {@link #translate(INDArray)} computes. Metadata properties
     * {@code gan4j.input.shape} and {@code gan4j.output.shape}.
     *
     * @param file the .onnx file to write
     * @throws UnsupportedOperationException for a custom graph network
     * @throws IllegalStateException         for a translator loaded without its layer spec (format 1)
     */
    public synchronized void exportOnnx(Path file) {
        Objects.requireNonNull(file, "file == null");
        if (spec == null) {
            throw new IllegalStateException("this translator was loaded from a SameDiff graph without its layer spec"
                    + " (archive format 1 or a custom network), which has no ONNX export");
        }
        OnnxExporter.translator(spec, store, Map.of("gan4j.input.shape", ModelArchive.dims(inputShape),
                "gan4j.output.shape", ModelArchive.dims(outputShape)), new String[] {INPUT, OUTPUT}, file);
    }

    /**
     * Reads a translator written by {@link #save(Path)}.
     *
     * @param file the archive
     * @return the translator
     * @throws IllegalArgumentException if the file is not a gan4j translator archive of a supported version
     */
    public static TranslatorModel load(Path file) {
        ModelArchive.Contents c = ARCHIVE.read(file);
        Shape input = ARCHIVE.shape(file, c.metadata(), "input.shape");
        Shape output = ARCHIVE.shape(file, c.metadata(), "output.shape");
        if (!c.hasSpec()) {
            return new TranslatorModel(c.graph(), input, output, null, null);
        }
        TranslatorModel model = SavedNetworks.load(c, List.of("translator"), r -> TranslatorModel.of(
                SpecCodec.readTranslator(r.spec().get("translator"), r.path() + " translator"), r.stores().get("translator")));
        if (!model.inputShape.equals(input) || !model.outputShape.equals(output)) {
            throw new IllegalArgumentException(file + ": its network (" + model.inputShape + " -> " + model.outputShape
                    + ") contradicts its metadata (" + input + " -> " + output + ")");
        }
        return model;
    }

    @Override
    public String toString() {
        return "TranslatorModel(" + inputShape + " -> " + outputShape + ")";
    }
}
