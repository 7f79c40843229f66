package org.gan4j.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.gan4j.GeneratorSampler;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.dl4j.internal.data.LatentSampler;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.stylegan.StyleGanGraphs;
import org.gan4j.dl4j.io.ModelArchive;
import org.gan4j.zoo.StyleGan2;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A trained StyleGAN2 generator and the latent tools of the paper and the reference code
 * (NVlabs/stylegan2-ada-pytorch {@code generate.py}, {@code style_mixing.py}): the mapping z ↦ w, the tracked
 * average w̄, synthesis from per-layer w inputs with fixed, random or no per-pixel noise, truncation
 * w' = w̄ + ψ·(w − w̄) on the first {@code cutoff} layers (Karras et al., CVPR 2019, section 3.1), style mixing at a
 * crossover layer, and interpolation in W (linear) and in Z (spherical). Images are [n, channels, R, R] in about
 * [-1, 1].
 *
 * <p>Two inference graphs run it: mapping (placeholder {@value StyleGanGraphs#Z}, output {@value StyleGanGraphs#W})
 * and synthesis (placeholders {@value StyleGanGraphs#WS} [n, numWs, dim(w)] and one noise map per convolution,
 * output {@value StyleGanGraphs#IMAGE}). {@link #save(Path)} writes one zip archive: the synthesis graph as a plain
 * SameDiff file, the architecture as JSON and every array (weights, w̄, the fixed noise) as checked {@code .npy}
 * entries; {@link #load(Path)} rebuilds the model from the JSON and the arrays and never hands the file's bytes to
 * native deserialisation. Calls are serialised, so one model can be shared between threads.
 *
 * @since 0.1.0
 */
public final class StyleGanModel implements GeneratorSampler {
    /** The per-pixel noise of synthesis. */
    public enum Noise {
        /** The fixed maps drawn at initialisation and saved with the model (the reference's 'const'): deterministic. */
        FIXED,
        /** Fresh N(0, 1) maps from the model's own seeded generator on every call (as in training). */
        RANDOM,
        /** No noise. */
        NONE
    }

    /** The archive entry holding the synthesis graph. */
    public static final String GRAPH_ENTRY = "synthesis.samediff";
    /** The archive entry holding the metadata. */
    public static final String META_ENTRY = "stylegan.properties";
    /** The archive format this version writes. */
    public static final int FORMAT_VERSION = 1;
    /** The state array holding the tracked average of w. */
    static final String W_AVERAGE = "G/w_avg";
    private static final ModelArchive ARCHIVE = new ModelArchive("StyleGAN generator", META_ENTRY, GRAPH_ENTRY, FORMAT_VERSION);

    private final StyleGan2 arch;
    private final ParameterStore store;
    private final SameDiff mapping;
    private final SameDiff synthesis;
    private final LatentSampler latentSampler;
    private final Random noiseRandom;
    private final Map<String, Integer> noiseInputs;

    private StyleGanModel(StyleGan2 arch, ParameterStore store, long seed) {
        this.arch = arch;
        this.store = store;
        this.noiseInputs = StyleGanGraphs.noiseInputs(arch);
        createState(arch, store);
        this.mapping = StyleGanGraphs.mapping(arch, store);
        this.synthesis = StyleGanGraphs.synthesis(arch, store);
        this.latentSampler = new LatentSampler(arch.latent(), seed);
        this.noiseRandom = Nd4j.getRandomFactory().getNewRandomInstance(seed ^ 0x5DEECE66DL);
    }

    /**
     * Creates (or, in a restored store, checks) the generator's state: w̄ and the fixed noise maps.
     *
     * @param arch  the architecture
     * @param store the generator's arrays
     */
    static void createState(StyleGan2 arch, ParameterStore store) {
        store.state(W_AVERAGE, 0, arch.wSize());
        StyleGanGraphs.noiseInputs(arch).forEach((layer, side) -> store.normalState(layer + "/noise_const", 1, 1, side, side));
    }

    /**
     * @param arch  the architecture
     * @param store the generator's arrays (live or averaged), shared with training
     * @param seed  the seed of the model's own draws (latents, random noise)
     * @return the model
     */
    static StyleGanModel of(StyleGan2 arch, ParameterStore store, long seed) {
        return new StyleGanModel(arch, store, seed);
    }

    /** @return the architecture */
    public StyleGan2 architecture() {
        return arch;
    }

    @Override
    public LatentSpace latent() {
        return arch.latent();
    }

    @Override
    public Shape outputShape() {
        return arch.imageShape();
    }

    LatentSampler latentSampler() {
        return latentSampler;
    }

    long[] noiseRandomState() {
        return new long[] {noiseRandom.rootState(), noiseRandom.nodeState()};
    }

    void restoreNoiseRandomState(long[] state) {
        noiseRandom.setStates(state[0], state[1]);
    }

    /** @return n images of fresh latents, no truncation, fixed noise */
    @Override
    public synchronized INDArray sample(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1 but was " + n);
        }
        INDArray z = Nd4j.create(DataType.FLOAT, n, arch.latentSize());
        latentSampler.fill(z);
        return sample(z);
    }

    /** @return the images of z, no truncation, fixed noise */
    @Override
    public synchronized INDArray sample(INDArray z) {
        return synthesize(broadcast(map(z)), Noise.FIXED);
    }

    /**
     * @param z   latents [n, dim(z)]
     * @param psi the truncation ψ (1: none; 0: every image is that of w̄)
     * @return the images of z truncated on every layer, fixed noise
     */
    public synchronized INDArray sample(INDArray z, double psi) {
        return synthesize(truncate(broadcast(map(z)), psi, arch.numWs()), Noise.FIXED);
    }

    /**
     * @param z latents [n, dim(z)]
     * @return w = f(z), [n, dim(w)]
     */
    public synchronized INDArray map(INDArray z) {
        INDArray latents = ModelInputs.latentOf(z, arch.latentSize());
        return mapping.output(Map.of(StyleGanGraphs.Z, latents), StyleGanGraphs.W).get(StyleGanGraphs.W).dup();
    }

    /** @return a copy of the tracked average w̄, [dim(w)] */
    public synchronized INDArray wAverage() {
        return store.state().get(W_AVERAGE).dup();
    }

    /**
     * @param w [n, dim(w)]
     * @return the same w for every layer, [n, numWs, dim(w)]
     */
    public INDArray broadcast(INDArray w) {
        requireShape("w", w, -1, arch.wSize());
        INDArray ws = Nd4j.create(DataType.FLOAT, w.size(0), arch.numWs(), arch.wSize());
        for (int i = 0; i < arch.numWs(); i++) {
            layer(ws, i).assign(w);
        }
        return ws;
    }

    /**
     * @param ws     per-layer w [n, numWs, dim(w)]
     * @param psi    ψ, finite
     * @param cutoff the layers truncated, 0 … numWs (the first {@code cutoff}; numWs: all)
     * @return w̄ + ψ·(w − w̄) on layers below the cutoff, w elsewhere (a new array)
     */
    public synchronized INDArray truncate(INDArray ws, double psi, int cutoff) {
        requireShape("ws", ws, -1, arch.numWs(), arch.wSize());
        if (!Double.isFinite(psi)) {
            throw new IllegalArgumentException("psi must be finite but was " + psi);
        }
        if (cutoff < 0 || cutoff > arch.numWs()) {
            throw new IllegalArgumentException("cutoff must be in [0, " + arch.numWs() + "] but was " + cutoff);
        }
        INDArray out = ws.castTo(DataType.FLOAT).dup();
        INDArray average = store.state().get(W_AVERAGE).reshape(1, arch.wSize());
        for (int i = 0; i < cutoff; i++) {
            layer(out, i).subiRowVector(average).muli(psi).addiRowVector(average);
        }
        return out;
    }

    /**
     * @param ws    per-layer w [n, numWs, dim(w)]
     * @param noise the per-pixel noise
     * @return the images [n, channels, R, R]
     */
    public synchronized INDArray synthesize(INDArray ws, Noise noise) {
        requireShape("ws", ws, -1, arch.numWs(), arch.wSize());
        Objects.requireNonNull(noise, "noise == null");
        long n = ws.size(0);
        Map<String, INDArray> feed = new LinkedHashMap<>();
        feed.put(StyleGanGraphs.WS, ws.castTo(DataType.FLOAT));
        noiseInputs.forEach((layer, side) -> {
            INDArray maps = Nd4j.create(DataType.FLOAT, n, 1, side, side);
            switch (noise) {
                case FIXED -> maps.assign(Nd4j.tile(store.state().get(layer + "/noise_const"), (int) n, 1, 1, 1));
                case RANDOM -> Nd4j.getExecutioner().exec(new GaussianDistribution(maps, 0, 1), noiseRandom);
                default -> { }
            }
            feed.put(StyleGanGraphs.noise(layer), maps);
        });
        return synthesis.output(feed, StyleGanGraphs.IMAGE).get(StyleGanGraphs.IMAGE).dup();
    }

    /**
     * Style mixing: layers below the crossover take A's w, the rest B's (coarse styles from A, fine from B).
     *
     * @param zA        latents [n, dim(z)]
     * @param zB        latents [n, dim(z)]
     * @param crossover 0 … numWs (0: pure B; numWs: pure A)
     * @return the images, fixed noise
     */
    public synchronized INDArray mix(INDArray zA, INDArray zB, int crossover) {
        if (crossover < 0 || crossover > arch.numWs()) {
            throw new IllegalArgumentException("crossover must be in [0, " + arch.numWs() + "] but was " + crossover);
        }
        INDArray a = broadcast(map(zA));
        INDArray b = broadcast(map(zB));
        if (a.size(0) != b.size(0)) {
            throw new IllegalArgumentException("zA and zB must hold as many latents but held " + a.size(0) + " and " + b.size(0));
        }
        for (int i = crossover; i < arch.numWs(); i++) {
            layer(a, i).assign(layer(b, i));
        }
        return synthesize(a, Noise.FIXED);
    }

    /**
     * @param zA    one latent [1, dim(z)]
     * @param zB    another
     * @param steps the images, &gt;= 2 (the first is A's, the last B's)
     * @return the images of (1 − t)·w_A + t·w_B for t evenly spaced in [0, 1], fixed noise
     */
    public synchronized INDArray interpolateW(INDArray zA, INDArray zB, int steps) {
        INDArray w = map(Nd4j.vstack(ModelInputs.latentOf(zA, arch.latentSize()), ModelInputs.latentOf(zB, arch.latentSize())));
        return synthesize(broadcast(Interpolation.linear(w.getRow(0), w.getRow(1), steps)), Noise.FIXED);
    }

    /**
     * @param zA    one latent [1, dim(z)]
     * @param zB    another
     * @param steps the images, &gt;= 2
     * @return the images of the spherical interpolation slerp(z_A, z_B; t) for t evenly spaced in [0, 1], fixed noise
     */
    public synchronized INDArray interpolateZ(INDArray zA, INDArray zB, int steps) {
        INDArray a = ModelInputs.latentOf(zA, arch.latentSize());
        INDArray b = ModelInputs.latentOf(zB, arch.latentSize());
        return sample(Interpolation.spherical(a.getRow(0), b.getRow(0), steps));
    }

    /** @return the view of layer i's w in ws [n, numWs, dim(w)] */
    private static INDArray layer(INDArray ws, int i) {
        return ws.get(NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.all());
    }

    private static void requireShape(String name, INDArray a, long... shape) {
        Objects.requireNonNull(a, name + " == null");
        boolean fits = a.rank() == shape.length;
        for (int i = 0; fits && i < shape.length; i++) {
            fits = shape[i] < 0 ? a.size(i) >= 1 : a.size(i) == shape[i];
        }
        if (!fits) {
            throw new IllegalArgumentException(name + " must have shape " + java.util.Arrays.toString(shape).replace("-1", "n")
                    + " but had " + java.util.Arrays.toString(a.shape()));
        }
    }

    /**
     * Writes the model atomically: to a temporary file beside {@code file}, then renamed over it.
     *
     * @param file the archive to write
     */
    public synchronized void save(Path file) {
        Properties p = new Properties();
        p.setProperty("latent.size", Integer.toString(arch.latentSize()));
        p.setProperty("sample.shape", ModelArchive.dims(arch.imageShape()));
        ObjectNode spec = new ObjectMapper().valueToTree(StyleGanArchitectureJson.of(arch));
        ARCHIVE.write(file, p, synthesis, SavedNetworks.entries(Map.of("stylegan2", spec), Map.of("generator", store)));
    }

    /**
     * @param file an archive written by {@link #save(Path)}
     * @return the model; its own draws seeded with 0
     * @throws IllegalArgumentException if the file is not a valid StyleGAN archive of a supported version
     */
    public static StyleGanModel load(Path file) {
        return load(file, 0);
    }

    /**
     * @param file an archive written by {@link #save(Path)}
     * @param seed the seed of the model's own draws
     * @return the model
     * @throws IllegalArgumentException if the file is not a valid StyleGAN archive of a supported version
     */
    public static StyleGanModel load(Path file, long seed) {
        ModelArchive.Contents c = ARCHIVE.read(file);
        if (!c.hasSpec()) {
            throw new IllegalArgumentException(file + " holds no " + ModelArchive.NETWORK_ENTRY);
        }
        Properties p = c.metadata();
        Shape shape = ARCHIVE.shape(file, p, "sample.shape");
        int latentSize = ARCHIVE.integer(file, p, "latent.size", 1, 1_000_000);
        StyleGanModel model = SavedNetworks.load(c, List.of("generator"), r -> {
            JsonNode node = r.spec().get("stylegan2");
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("stylegan2 is missing");
            }
            return new StyleGanModel(StyleGanArchitectureJson.read(node), r.stores().get("generator"), seed);
        });
        if (!model.arch.imageShape().equals(shape) || model.arch.latentSize() != latentSize) {
            throw new IllegalArgumentException(file + ": its architecture (" + model.arch + ") contradicts its metadata"
                    + " (sample " + shape + ", latent " + latentSize + ")");
        }
        return model;
    }

    @Override
    public String toString() {
        return "StyleGanModel(" + arch + ")";
    }
}
