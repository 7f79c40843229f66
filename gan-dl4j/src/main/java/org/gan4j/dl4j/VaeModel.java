package org.gan4j.dl4j;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.gan4j.GeneratorSampler;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.loss.ReconstructionLikelihood;
import org.gan4j.dl4j.density.GaussianMixture;
import org.gan4j.dl4j.internal.data.LatentSampler;
import org.gan4j.dl4j.internal.graph.VaeGraphs;
import org.gan4j.dl4j.internal.onnx.OnnxExporter;
import org.gan4j.dl4j.io.ModelArchive;
import org.gan4j.dl4j.io.SpecCodec;
import org.gan4j.losses.vae.BernoulliLikelihood;
import org.gan4j.losses.vae.GaussianLikelihood;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained variational autoencoder ready to use: one SameDiff inference graph (batch norm on running statistics, no
 * dropout) holding the encoder, placeholder {@value VaeGraphs#IMAGE} → outputs {@value VaeGraphs#MU} and
 * {@value VaeGraphs#SIGMA}, the decoder, placeholder {@value VaeGraphs#LATENT} → output {@value VaeGraphs#DECODED}
 * (the likelihood's mean: σ(logits) for a Bernoulli decoder), and the evidence bound, placeholders
 * {@value VaeGraphs#IMAGE} and {@value VaeGraphs#EPSILON} → {@value VaeGraphs#SAMPLE_NEGATIVE_ELBO}.
 *
 * <p>As a {@link GeneratorSampler} it decodes draws from the prior N(0, I). {@link #save(Path)} writes one zip archive
 * holding {@value #GRAPH_ENTRY} (a plain SameDiff file any SameDiff program can run) and {@value #META_ENTRY};
 * {@link #load(Path)} reads it back. Calls are serialised, so one model can be shared between threads.
 *
 * @since 0.1.0
 */
public final class VaeModel implements GeneratorSampler {
    /** The archive entry holding the SameDiff graph. */
    public static final String GRAPH_ENTRY = "vae.samediff";
    /** The archive entry holding the metadata. */
    public static final String META_ENTRY = "vae.properties";
    /** The archive format this version writes (2: with the network specs and arrays); formats 1 and 2 are read. */
    public static final int FORMAT_VERSION = 2;
    private static final ModelArchive ARCHIVE = new ModelArchive("VAE", META_ENTRY, GRAPH_ENTRY, FORMAT_VERSION);

    /**
     * The posterior q(z|x) = N(μ, diag σ²) of a batch.
     *
     * @param mu    the means, [n, L]
     * @param sigma the standard deviations, [n, L]
     */
    public record Encoding(INDArray mu, INDArray sigma) {
    }

    private final SameDiff graph;
    private final Shape sampleShape;
    private final LatentSpace latent;
    private final LatentSampler sampler;
    private final VaeGraphs.Networks networks;

    private VaeModel(SameDiff graph, Shape sampleShape, int latentSize, long seed, VaeGraphs.Networks networks) {
        this.networks = networks;
        this.graph = graph;
        this.sampleShape = sampleShape;
        this.latent = LatentSpace.gaussian(latentSize);
        this.sampler = new LatentSampler(latent, seed);
    }

    /**
     * @param networks the specs, the likelihood and the stores (live or averaged), shared with training
     * @param seed     the seed of the model's own draws
     * @return the model compiled for inference over the stores
     */
    static VaeModel of(VaeGraphs.Networks networks, long seed) {
        return new VaeModel(VaeGraphs.inference(networks), networks.encoder().inputShape(), networks.encoder().latentSize(),
                seed, networks);
    }

    LatentSampler latentSampler() {
        return sampler;
    }

    /** @return the prior's latent space, N(0, I) of size L */
    @Override
    public LatentSpace latent() {
        return latent;
    }

    /** @return the shape of one sample (encoded and decoded) */
    @Override
    public Shape outputShape() {
        return sampleShape;
    }

    /**
     * @param images samples [n, sample shape...]
     * @return their posteriors
     */
    public synchronized Encoding encode(INDArray images) {
        Map<String, INDArray> out = graph.output(Map.of(VaeGraphs.IMAGE, ModelInputs.batchOf(images, sampleShape)), VaeGraphs.MU,
                VaeGraphs.SIGMA);
        return new Encoding(out.get(VaeGraphs.MU).dup(), out.get(VaeGraphs.SIGMA).dup());
    }

    /**
     * @param z latent vectors [n, L]
     * @return the decoded samples (the likelihood's mean), [n, sample shape...]
     */
    public synchronized INDArray decode(INDArray z) {
        return run(ModelInputs.latentOf(z, latent.size()));
    }

    /**
     * @param images samples [n, sample shape...]
     * @return each decoded from its posterior mean: D(μ(x))
     */
    public synchronized INDArray reconstruct(INDArray images) {
        return run(encode(images).mu());
    }

    /**
     * Decodes the straight line between the posterior means of two samples.
     *
     * @param from  a sample [sample shape...] or [1, sample shape...]
     * @param to    another
     * @param steps the points on the line, &gt;= 2, both ends included
     * @return the decoded points [steps, sample shape...], from {@code from}'s reconstruction to {@code to}'s
     */
    public synchronized INDArray interpolate(INDArray from, INDArray to, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be >= 2 but was " + steps);
        }
        INDArray a = encode(single("from", from)).mu();
        INDArray b = encode(single("to", to)).mu();
        INDArray line = Nd4j.create(DataType.FLOAT, steps, latent.size());
        for (int i = 0; i < steps; i++) {
            double t = i / (double) (steps - 1);
            line.getRow(i).assign(a.mul(1 - t).addi(b.mul(t)).reshape(latent.size()));
        }
        return run(line);
    }

    /**
     * A single-draw Monte-Carlo estimate of −ELBO(x) = −log p(x|z) + KL(q(z|x) ‖ N(0, I)), z = μ + σ·ε, per sample,
     * in nats (an upper bound on −log p(x) in expectation).
     *
     * @param images samples [n, sample shape...]
     * @return −ELBO per sample, [n]
     */
    public synchronized INDArray negativeElbo(INDArray images) {
        INDArray x = ModelInputs.batchOf(images, sampleShape);
        INDArray epsilon = Nd4j.create(DataType.FLOAT, x.size(0), latent.size());
        sampler.fill(epsilon);
        return graph.output(Map.of(VaeGraphs.IMAGE, x, VaeGraphs.EPSILON, epsilon), VaeGraphs.SAMPLE_NEGATIVE_ELBO)
                .get(VaeGraphs.SAMPLE_NEGATIVE_ELBO).dup();
    }

    /**
     * Fits a Gaussian mixture to the posterior means of {@code images} and returns a sampler that decodes its draws
     * (the ex-post density of Ghosh et al., ICLR 2020; they use 10 components).
     *
     * @param images     training samples [n, sample shape...], n &gt;= components
     * @param components the mixture's components, &gt;= 1
     * @param seed       the seed of the fit's seeding and of the sampler's draws
     * @return the sampler
     */
    public ExPostSampler exPostSampler(INDArray images, int components, long seed) {
        INDArray mu = encode(images).mu();
        return new ExPostSampler(this, GaussianMixture.fit(mu, components, seed), seed);
    }

    @Override
    public synchronized INDArray sample(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1 but was " + n);
        }
        INDArray z = Nd4j.create(DataType.FLOAT, n, latent.size());
        sampler.fill(z);
        return run(z);
    }

    @Override
    public synchronized INDArray sample(INDArray z) {
        return decode(z);
    }

    private INDArray run(INDArray z) {
        return graph.output(Map.of(VaeGraphs.LATENT, z), VaeGraphs.DECODED).get(VaeGraphs.DECODED).dup();
    }

    private INDArray single(String name, INDArray sample) {
        Objects.requireNonNull(sample, name + " == null");
        if (Arrays.equals(sample.shape(), sampleShape.dims())) {
            return sample.reshape(sampleShape.withBatch(1));
        }
        if (sample.rank() == sampleShape.rank() + 1 && sample.size(0) == 1) {
            return sample;
        }
        throw new IllegalArgumentException(name + " must be one sample of shape " + sampleShape + " but had shape "
                + Arrays.toString(sample.shape()));
    }

    /**
     * Writes the model atomically: to a temporary file beside {@code file}, then renamed over it.
     *
     * @param file the archive to write
     */
    public synchronized void save(Path file) {
        Properties p = new Properties();
        p.setProperty("latent.size", Integer.toString(latent.size()));
        p.setProperty("sample.shape", ModelArchive.dims(sampleShape));
        boolean safe = networks != null && SpecCodec.hasJsonForm(networks.encoder().body())
                && SpecCodec.hasJsonForm(networks.decoder().body()) && SpecCodec.hasJsonForm(networks.likelihood());
        ARCHIVE.write(file, p, graph, !safe ? Map.of() : SavedNetworks.entries(
                Map.of("encoder", SpecCodec.write(networks.encoder()), "decoder", SpecCodec.write(networks.decoder()),
                        "likelihood", SpecCodec.write(networks.likelihood())),
                Map.of("encoder", networks.encoderStore(), "decoder", networks.decoderStore())));
    }

    /**
     * Exports the decoder as an ONNX model (IR version 7, opset {@value OnnxExporter#OPSET}), written atomically:
     * input {@code z} float32 [n, latent size], output {@code sample} float32 [n, sample shape...], the likelihood's
     * mean as {@link #decode(INDArray)} computes it (σ(logits) for {@link BernoulliLikelihood}, the decoder's output
     * for {@link GaussianLikelihood}). Metadata properties {@code gan4j.latent.distribution} (GAUSSIAN),
     * {@code gan4j.latent.size} and {@code gan4j.sample.shape}.
     *
     * @param file the .onnx file to write
     * @throws UnsupportedOperationException for a custom graph decoder or a likelihood without a known ONNX mean
     * @throws IllegalStateException         for a model loaded without its specs (format 1)
     */
    public synchronized void exportOnnx(Path file) {
        Objects.requireNonNull(file, "file == null");
        if (networks == null) {
            throw new IllegalStateException("this VAE was loaded from a SameDiff graph without its specs (archive format 1"
                    + " or a custom network), which has no ONNX export");
        }
        ReconstructionLikelihood likelihood = networks.likelihood();
        String meanOp;
        if (likelihood instanceof BernoulliLikelihood) {
            meanOp = "Sigmoid";
        } else if (likelihood instanceof GaussianLikelihood) {
            meanOp = null;
        } else {
            throw new UnsupportedOperationException("the likelihood " + likelihood + " has no known ONNX form of its mean:"
                    + " Bernoulli and Gaussian likelihoods can be exported");
        }
        OnnxExporter.decoder(networks.decoder(), networks.decoderStore(), meanOp, Map.of(
                "gan4j.latent.distribution", latent.distribution().name(), "gan4j.latent.size",
                Integer.toString(latent.size()), "gan4j.sample.shape", ModelArchive.dims(sampleShape)),
                new String[] {"z", "sample"}, file);
    }

    /**
     * Reads a model written by {@link #save(Path)}; its own draws are seeded with 0.
     *
     * @param file the archive
     * @return the model
     * @throws IllegalArgumentException if the file is not a gan4j VAE archive of a supported version
     */
    public static VaeModel load(Path file) {
        return load(file, 0);
    }

    /**
     * Reads a model written by {@link #save(Path)}.
     *
     * @param file the archive
     * @param seed the seed of the model's own draws (prior samples, ε of {@link #negativeElbo})
     * @return the model
     * @throws IllegalArgumentException if the file is not a gan4j VAE archive of a supported version
     */
    public static VaeModel load(Path file, long seed) {
        ModelArchive.Contents c = ARCHIVE.read(file);
        Properties p = c.metadata();
        Shape shape = ARCHIVE.shape(file, p, "sample.shape");
        int latentSize = ARCHIVE.integer(file, p, "latent.size", 1, 1_000_000);
        if (!c.hasSpec()) {
            return new VaeModel(c.graph(), shape, latentSize, seed, null);
        }
        VaeModel model = SavedNetworks.load(c, List.of("encoder", "decoder"), r -> VaeModel.of(new VaeGraphs.Networks(
                SpecCodec.readEncoder(r.spec().get("encoder"), r.path() + " encoder"),
                SpecCodec.readGenerator(r.spec().get("decoder"), r.path() + " decoder"),
                SpecCodec.readLikelihood(r.spec().get("likelihood"), r.path() + " likelihood"),
                r.stores().get("encoder"), r.stores().get("decoder")), seed));
        if (!model.sampleShape.equals(shape) || model.latent.size() != latentSize
                || !model.networks.decoder().outputShape().equals(shape)
                || !model.networks.decoder().latent().equals(model.latent)) {
            throw new IllegalArgumentException(file + ": its networks (encoder " + model.networks.encoder() + ", decoder "
                    + model.networks.decoder() + ") contradict its metadata (sample " + shape + ", latent " + latentSize + ")");
        }
        return model;
    }

    @Override
    public String toString() {
        return "VaeModel(sample=" + sampleShape + ", latent=" + latent + ")";
    }
}
