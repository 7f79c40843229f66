package org.gan4j.dl4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.gan4j.Generator;
import org.gan4j.GeneratorSampler;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.dl4j.internal.graph.GanGraphs;
import org.gan4j.dl4j.internal.data.LabelSampler;
import org.gan4j.dl4j.internal.data.LatentSampler;
import org.gan4j.dl4j.internal.data.OneHot;
import org.gan4j.dl4j.internal.exec.InferencePool;
import org.gan4j.dl4j.internal.exec.OpSchedule;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.onnx.OnnxExporter;
import org.gan4j.dl4j.io.ModelArchive;
import org.gan4j.dl4j.io.SpecCodec;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A generator ready for sampling: a SameDiff inference graph (batch norm on running statistics, no dropout) with
 * placeholder {@value #LATENT} [n, latent size] and output {@value #SAMPLE} [n, sample shape...].
 *
 * <p>{@link #save(Path)} writes one zip archive holding {@value #GRAPH_ENTRY} (a plain SameDiff flat-buffers file that
 * any SameDiff program can load and run), {@value #META_ENTRY} (latent space, sample shape, format version) and, for a
 * generator built from layers, its spec ({@code network.json}) and arrays ({@code weights/...npy}).
 * {@link #load(Path)} rebuilds such a generator from the spec and the arrays, checked in Java, and never hands the file's
 * bytes to native deserialisation; only an archive without them (a custom graph network, or one written by format 1)
 * is loaded from the SameDiff file, which should then come from a trusted source.
 *
 * <p>One model can be shared between threads, and sampling calls do not wait for each other: a generator built from
 * layers runs compiled plans (with gan4j's fused ops) from a pool of execution contexts over the same weights, one
 * per concurrent caller ({@link InferencePool}); only the model's own latent and class draws are serialised. A
 * generator loaded from a SameDiff file runs its graph through SameDiff, one call at a time.
 *
 * @since 0.1.0
 */
public final class GeneratorModel implements GeneratorSampler {
    /** The placeholder holding latent vectors. */
    public static final String LATENT = "z";
    /** The placeholder holding one-hot classes, in conditional generators. */
    public static final String LABEL = GanGraphs.INFERENCE_LABEL;
    /** The output holding samples. */
    public static final String SAMPLE = "sample";
    /** The archive entry holding the SameDiff graph. */
    public static final String GRAPH_ENTRY = "generator.samediff";
    /** The archive entry holding the metadata. */
    public static final String META_ENTRY = "generator.properties";
    /** The archive format this version writes (2: with the network spec and arrays); formats 1 and 2 are read. */
    public static final int FORMAT_VERSION = 2;
    private static final ModelArchive ARCHIVE = new ModelArchive("generator", META_ENTRY, GRAPH_ENTRY, FORMAT_VERSION);

    private final SameDiff graph;
    private final LatentSpace latent;
    private final Shape outputShape;
    private final LatentSampler sampler;
    private final int classes;
    private final LabelSampler classSampler;
    private final Generator spec;
    private final ParameterStore store;
    private final long seed;
    private final List<String> classNames;
    private final InferencePool pool;

    private GeneratorModel(SameDiff graph, LatentSpace latent, Shape outputShape, long seed, int classes, Generator spec,
                           ParameterStore store, List<String> classNames) {
        this.seed = seed;
        this.classNames = classNames;
        this.spec = spec;
        this.store = store;
        this.graph = graph;
        this.latent = latent;
        this.outputShape = outputShape;
        this.sampler = new LatentSampler(latent, seed);
        this.classes = classes;
        this.classSampler = classes == 0 ? null : new LabelSampler(seed, classes);
        this.pool = spec == null || OpSchedule.unsupportedOp(graph, List.of(SAMPLE)).isPresent() ? null
                : InferencePool.perCore(() -> GanGraphs.inference(spec, store, LATENT, SAMPLE, true), List.of(SAMPLE));
    }

    /**
     * @param spec  the generator
     * @param store its arrays (live or averaged), shared with training
     * @param seed  the seed of the model's own draws
     * @return the generator compiled for inference over the store
     */
    static GeneratorModel of(Generator spec, ParameterStore store, long seed) {
        return new GeneratorModel(GanGraphs.inference(spec, store, LATENT, SAMPLE), spec.latent(), spec.outputShape(), seed,
                spec.classes(), spec, store, List.of());
    }

    /** @return the classes' names, in class order (saved with the model); empty when none were given */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * @param names one name per class, in class order (for example an image folder's class folders)
     * @return this generator, over the same arrays (in a graph of its own when built from layers), with its classes
     *         named; {@link #save(Path)} keeps them
     * @throws IllegalArgumentException unless there is one non-blank name per class of a conditional generator
     */
    public GeneratorModel withClassNames(List<String> names) {
        Objects.requireNonNull(names, "names == null");
        if (names.size() != classes) {
            throw new IllegalArgumentException("names must name each of the generator's " + classes + " classes but had "
                    + names.size());
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null || names.get(i).isBlank()) {
                throw new IllegalArgumentException("names[" + i + "] must not be blank");
            }
        }
        SameDiff own = spec != null ? GanGraphs.inference(spec, store, LATENT, SAMPLE) : graph;
        return new GeneratorModel(own, latent, outputShape, seed, classes, spec, store, List.copyOf(names));
    }

    private static List<String> classNames(Path file, Properties p, int classes) {
        if (p.getProperty("class.name.0") == null) {
            return List.of();
        }
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < classes; i++) {
            String name = p.getProperty("class.name." + i);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(file + " has invalid generator metadata: class.name." + i
                        + " is missing or blank while class.name.0 is given");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    LabelSampler labelSampler() {
        return classSampler;
    }

    @Override
    public int classes() {
        return classes;
    }

    LatentSampler latentSampler() {
        return sampler;
    }

    @Override
    public LatentSpace latent() {
        return latent;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public INDArray sample(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1 but was " + n);
        }
        INDArray z = Nd4j.create(DataType.FLOAT, n, latent.size());
        int[] drawn;
        synchronized (sampler) {
            sampler.fill(z);
            drawn = classes == 0 ? null : classSampler.next(n);
        }
        return run(z, drawn);
    }

    /**
     * Samples a conditional generator: n fresh latent vectors, the i-th generated for class {@code labels[i]}.
     *
     * @param labels the classes, each in [0, classes)
     * @return samples [labels.length, outputShape...]
     */
    public INDArray sample(int[] labels) {
        Objects.requireNonNull(labels, "labels == null");
        if (labels.length < 1) {
            throw new IllegalArgumentException("labels must not be empty");
        }
        INDArray z = Nd4j.create(DataType.FLOAT, labels.length, latent.size());
        synchronized (sampler) {
            sampler.fill(z);
        }
        return sample(z, labels);
    }

    @Override
    public INDArray sample(INDArray z, int[] labels) {
        Objects.requireNonNull(labels, "labels == null");
        if (classes == 0) {
            throw new UnsupportedOperationException("this generator is not conditional: sample without labels");
        }
        INDArray latentBatch = ModelInputs.latentOf(z, latent.size());
        if (labels.length != z.size(0)) {
            throw new IllegalArgumentException("labels must have one class per latent vector (" + z.size(0) + ") but had "
                    + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + classes + ") but was " + labels[i]);
            }
        }
        return run(latentBatch, labels);
    }

    @Override
    public INDArray sample(INDArray z) {
        INDArray latentBatch = ModelInputs.latentOf(z, latent.size());
        if (classes > 0) {
            throw new IllegalArgumentException("this generator is conditional on " + classes
                    + " classes: give labels with sample(latent, labels)");
        }
        return run(latentBatch, null);
    }

    private INDArray run(INDArray z, int[] classLabels) {
        Map<String, INDArray> feed;
        if (classLabels == null) {
            feed = Map.of(LATENT, z);
        } else {
            INDArray oneHot = Nd4j.create(DataType.FLOAT, classLabels.length, classes);
            OneHot.write(classLabels, oneHot);
            feed = Map.of(LATENT, z, LABEL, oneHot);
        }
        if (pool != null) {
            return pool.run(feed).get(SAMPLE);
        }
        synchronized (graph) {
            return graph.output(feed, SAMPLE).get(SAMPLE).dup();
        }
    }

    /**
     * Writes the generator atomically: to a temporary file beside {@code file}, then renamed over it.
     *
     * @param file the archive to write
     */
    public synchronized void save(Path file) {
        Properties p = new Properties();
        p.setProperty("latent.distribution", latent.distribution().name());
        p.setProperty("latent.size", Integer.toString(latent.size()));
        p.setProperty("sample.shape", ModelArchive.dims(outputShape));
        p.setProperty("classes", Integer.toString(classes));
        for (int i = 0; i < classNames.size(); i++) {
            p.setProperty("class.name." + i, classNames.get(i));
        }
        boolean safe = spec != null && SpecCodec.hasJsonForm(spec.body());
        ARCHIVE.write(file, p, graph, safe ? SavedNetworks.entries(Map.of("generator", SpecCodec.write(spec)),
                Map.of("generator", store)) : Map.of());
    }

    /**
     * Exports the generator as an ONNX model (IR version 7, opset {@value OnnxExporter#OPSET}), written atomically:
     * input {@value #LATENT} float32 [n, latent size], for a conditional generator also {@value #LABEL} float32
     * [n, classes] one-hot, and output {@value #SAMPLE} float32 [n, sample shape...] (images [n, c, h, w] in [-1, 1]
     * after a tanh), n symbolic. The model computes what {@link #sample(INDArray)} computes (batch norm on its running
     * statistics, spectrally normalized weights as W/σ, no dropout); metadata properties {@code gan4j.latent.distribution},
     * {@code gan4j.latent.size}, {@code gan4j.classes} and {@code gan4j.sample.shape} say how to feed it.
     *
     * @param file the .onnx file to write
     * @throws UnsupportedOperationException for a custom graph network
     * @throws IllegalStateException         for a generator loaded without its layer spec (format 1)
     */
    public void exportOnnx(Path file) {
        exportOnnx(file, OnnxForm.SAMPLES);
    }

    /**
     * Exports the generator as an ONNX model in the given form (see {@link OnnxForm}): {@link OnnxForm#SAMPLES} is
     * {@link #exportOnnx(Path)}; {@link OnnxForm#UINT8_RGB} takes class indices and returns uint8 RGB images, the form
     * torch-fidelity samples from.
     *
     * @param file the .onnx file to write
     * @param form the model's interface
     * @throws UnsupportedOperationException for a custom graph network
     * @throws IllegalStateException         for a generator loaded without its layer spec (format 1)
     * @throws IllegalArgumentException      for {@link OnnxForm#UINT8_RGB} when the samples are not images
     */
    public synchronized void exportOnnx(Path file, OnnxForm form) {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(form, "form == null");
        if (spec == null) {
            throw new IllegalStateException("this generator was loaded from a SameDiff graph without its layer spec"
                    + " (archive format 1 or a custom network), which has no ONNX export");
        }
        OnnxExporter.generator(spec, store, Map.of("gan4j.latent.distribution", latent.distribution().name(),
                        "gan4j.latent.size", Integer.toString(latent.size()), "gan4j.classes", Integer.toString(classes),
                        "gan4j.sample.shape", ModelArchive.dims(outputShape), "gan4j.onnx.form", form.name()),
                new String[] {LATENT, LABEL, SAMPLE}, form, file);
    }

    /**
     * Reads a generator written by {@link #save(Path)}.
     *
     * @param file the archive
     * @return the generator; its own latent draws are seeded with 0
     * @throws IllegalArgumentException if the file is not a gan4j generator archive of a supported version
     */
    public static GeneratorModel load(Path file) {
        return load(file, 0);
    }

    /**
     * Reads a generator written by {@link #save(Path)}.
     *
     * @param file the archive
     * @param seed the seed of the model's latent draws in {@link #sample(int)}
     * @return the generator
     * @throws IllegalArgumentException if the file is not a gan4j generator archive of a supported version
     */
    public static GeneratorModel load(Path file, long seed) {
        ModelArchive.Contents c = ARCHIVE.read(file);
        Properties p = c.metadata();
        int size = ARCHIVE.integer(file, p, "latent.size", 1, 1_000_000);
        String distribution = p.getProperty("latent.distribution", "");
        if (!distribution.equals(LatentSpace.Distribution.GAUSSIAN.name())
                && !distribution.equals(LatentSpace.Distribution.UNIFORM.name())) {
            throw new IllegalArgumentException(file + " has invalid generator metadata: latent.distribution '" + distribution
                    + "' must be GAUSSIAN or UNIFORM");
        }
        LatentSpace latent = distribution.equals(LatentSpace.Distribution.GAUSSIAN.name())
                ? LatentSpace.gaussian(size) : LatentSpace.uniform(size);
        p.putIfAbsent("classes", "0");
        Shape shape = ARCHIVE.shape(file, p, "sample.shape");
        int classes = ARCHIVE.integer(file, p, "classes", 0, 1_000_000);
        if (!c.hasSpec()) {
            return new GeneratorModel(c.graph(), latent, shape, seed, classes, null, null, classNames(file, p, classes));
        }
        List<String> names = classNames(file, p, classes);
        GeneratorModel model = SavedNetworks.load(c, List.of("generator"), r -> GeneratorModel.of(
                SpecCodec.readGenerator(r.spec().get("generator"), r.path() + " generator"), r.stores().get("generator"), seed));
        if (!model.latent.equals(latent) || !model.outputShape.equals(shape) || model.classes != classes) {
            throw new IllegalArgumentException(file + ": its network (latent " + model.latent + ", sample " + model.outputShape
                    + ", classes " + model.classes + ") contradicts its metadata (latent " + latent + ", sample " + shape
                    + ", classes " + classes + ")");
        }
        return names.isEmpty() ? model : model.withClassNames(names);
    }

    @Override
    public String toString() {
        return "GeneratorModel(latent=" + latent + (classes == 0 ? "" : ", classes=" + classes) + ", sample=" + outputShape + ")";
    }
}
