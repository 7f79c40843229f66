package org.gan4j.dl4j;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.gan4j.GanTrainingException;
import org.gan4j.GeneratorSampler;
import org.gan4j.ImagePreview;
import org.gan4j.StepResult;
import org.gan4j.VaeStepResult;
import org.gan4j.dl4j.internal.data.LatentSampler;
import org.gan4j.dl4j.internal.data.RandomStream;
import org.gan4j.dl4j.internal.data.RealBatches;
import org.gan4j.dl4j.internal.exec.PhaseGraph;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.graph.VaeGraphs;
import org.gan4j.dl4j.internal.optim.NetworkUpdater;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The VAE family: an encoder and a decoder trained together in one phase on reconstruction + β·KL, β following the
 * KL warm-up, with the reparameterization noise ε drawn from the run's latent stream so that resume stays exact.
 * Batches are checked against the likelihood's data range before they reach the graph.
 */
final class VaeFamily implements ModelFamily<VaeFamily.State> {
    /** The random streams a VAE run draws from: ε (latent), the data shuffle, the model's own prior draws. */
    static final Set<RandomStream> STREAMS = EnumSet.of(RandomStream.LATENT, RandomStream.DATA, RandomStream.SAMPLER);

    /**
     * A VAE's checkpoint state beyond weights and optimizer states.
     *
     * @param epsilonRandom the ε stream's state
     * @param samplerRandom the model's prior stream's state
     * @param dataPosition  {pass, batches taken} of the data
     */
    record State(long[] epsilonRandom, long[] samplerRandom, long[] dataPosition) {
    }

    private final VaeTrainer config;
    private final RunLoop.Setup setup;
    private final VaeGraphs.Networks networks;
    private final PhaseGraph phase;
    private final INDArray x;
    private final INDArray epsilon;
    private final INDArray beta;
    private final Map<String, INDArray> feed;
    private final Map<String, INDArray> terms = new LinkedHashMap<>();
    private final LatentSampler epsilonSampler;
    private final RealBatches batches;
    private VaeModel model;

    VaeFamily(VaeTrainer config, RunLoop.Setup setup) {
        this.config = config;
        this.setup = setup;
        int b = config.settings.batchSize();
        networks = new VaeGraphs.Networks(config.encoder, config.decoder, config.likelihood,
                new ParameterStore("encoder", setup.weights()), new ParameterStore("decoder", setup.weights()));
        VaeGraphs graphs = VaeGraphs.build(networks, b, DataType.FLOAT, config.settings.execution());
        Map<String, INDArray> parameters = new LinkedHashMap<>(networks.encoderStore().parameters());
        parameters.putAll(networks.decoderStore().parameters());
        phase = new PhaseGraph("vae", graphs.trainingGraph(), VaeGraphs.LOSS,
                new NetworkUpdater(config.optimizer, parameters, setup.totalSteps()), graphs.updates(),
                config.settings.execution());
        phase.iterateSpectralNormsOf(networks.encoderStore());
        phase.iterateSpectralNormsOf(networks.decoderStore());
        for (String term : List.of(VaeGraphs.NEGATIVE_ELBO, VaeGraphs.RECONSTRUCTION, VaeGraphs.KL)) {
            terms.put(term, Nd4j.scalar(DataType.FLOAT, 0f));
            phase.copyOutput(term, terms.get(term));
        }
        x = Nd4j.create(DataType.FLOAT, config.encoder.inputShape().withBatch(b));
        epsilon = Nd4j.create(DataType.FLOAT, b, config.encoder.latentSize());
        beta = Nd4j.scalar(DataType.FLOAT, 0f);
        feed = Map.of(VaeGraphs.X, x, VaeGraphs.EPSILON, epsilon, VaeGraphs.BETA, beta);
        epsilonSampler = new LatentSampler(config.encoder.latent(), setup.seed(RandomStream.LATENT));
        batches = new RealBatches(config.data, b, setup.seed(RandomStream.DATA));
    }

    @Override
    public List<PhaseGraph> phases() {
        return List.of(phase);
    }

    @Override
    public List<ParameterStore> networks() {
        return List.of(networks.encoderStore(), networks.decoderStore());
    }

    @Override
    public List<ParameterStore> averagedNetworks() {
        return List.of(networks.encoderStore(), networks.decoderStore());
    }

    @Override
    public void buildInference(UnaryOperator<ParameterStore> sampled) {
        VaeGraphs.Networks used = new VaeGraphs.Networks(config.encoder, config.decoder, config.likelihood,
                sampled.apply(networks.encoderStore()), sampled.apply(networks.decoderStore()));
        model = VaeModel.of(used, setup.seed(RandomStream.SAMPLER));
        INDArray probe = model.sample(2);
        long[] expected = config.decoder.outputShape().withBatch(2);
        if (!Arrays.equals(probe.shape(), expected)) {
            throw new GanTrainingException("decoder produces samples of shape " + Arrays.toString(probe.shape())
                    + " but declares " + Arrays.toString(expected));
        }
    }

    /** @return the model listeners and the result use */
    VaeModel model() {
        return model;
    }

    @Override
    public boolean stage(Passes passes) {
        while (!batches.fill(x, null)) {
            if (!passes.passEnded()) {
                return false;
            }
        }
        checkRange();
        epsilonSampler.fill(epsilon);
        return true;
    }

    private void checkRange() {
        double min = config.likelihood.minimumValue();
        double max = config.likelihood.maximumValue();
        if (Double.isInfinite(min) && Double.isInfinite(max)) {
            return;
        }
        double low = x.minNumber().doubleValue();
        double high = x.maxNumber().doubleValue();
        if (low < min || high > max || Double.isNaN(low) || Double.isNaN(high)) {
            throw new IllegalArgumentException("data " + config.data + " holds values in [" + low + ", " + high
                    + "] but " + config.likelihood + " needs values in [" + min + ", " + max + "]"
                    + (min == 0 && max == 1 ? " (for images in [-1, 1], rescale with (x + 1) / 2)" : ""));
        }
    }

    @Override
    public StepResult step(PhaseRunner runner, long number, int epoch) {
        double weight = config.beta(number);
        beta.assign(weight);
        double loss = runner.run(phase, () -> phase.step(feed, epoch));
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(VaeStepResult.NEGATIVE_ELBO, terms.get(VaeGraphs.NEGATIVE_ELBO).getDouble(0));
        values.put(VaeStepResult.RECONSTRUCTION, terms.get(VaeGraphs.RECONSTRUCTION).getDouble(0));
        values.put(VaeStepResult.KL, terms.get(VaeGraphs.KL).getDouble(0));
        values.put(VaeStepResult.BETA, weight);
        return new StepResult(number, epoch, Double.NaN, loss, values);
    }

    @Override
    public Map<String, String> configuration() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("family", "VAE");
        c.put("likelihood", String.valueOf(config.likelihood));
        c.put("beta", String.valueOf(config.beta));
        c.put("klWarmup", String.valueOf(config.klWarmup));
        c.put("optimizer", String.valueOf(config.optimizer));
        c.put("encoder", String.valueOf(config.encoder));
        c.put("decoder", String.valueOf(config.decoder));
        return c;
    }

    @Override
    public String lossDescription() {
        return "reconstruction (" + config.likelihood + ") + β·KL, β = " + config.beta;
    }

    @Override
    public State state() {
        return new State(epsilonSampler.randomState(), model.latentSampler().randomState(), batches.position());
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public void restore(State state, Function<String, Map<String, INDArray>> arrays) {
        epsilonSampler.restoreRandomState(state.epsilonRandom());
        model.latentSampler().restoreRandomState(state.samplerRandom());
        batches.restorePosition(state.dataPosition());
    }

    @Override
    public Map<String, Map<String, INDArray>> stateArrays() {
        return Map.of();
    }

    /** Samples of the prior, decoded, in [-1, 1] (see {@link #toImageRange}). */
    @Override
    public Optional<ImagePreview> preview(int count, int columns, long seed) {
        if (!ImagePreview.isImageShape(config.decoder.outputShape())) {
            return Optional.empty();
        }
        INDArray z = Nd4j.create(DataType.FLOAT, count, config.encoder.latentSize());
        new LatentSampler(config.encoder.latent(), seed).fill(z);
        return Optional.of(new ImagePreview(toImageRange(model.decode(z)), columns));
    }

    /** Decoded samples of the prior for metrics, in [-1, 1] (see {@link #toImageRange}). */
    @Override
    public INDArray generate(int n) {
        return toImageRange(model.sample(n));
    }

    /**
     * Maps decoded samples to gan4j's image range [-1, 1] (that of previews and of the bundled classifier): 2x − 1
     * when the likelihood's data lie in [0, 1] (Bernoulli), else unchanged.
     */
    private INDArray toImageRange(INDArray decoded) {
        boolean unit = config.likelihood.minimumValue() == 0 && config.likelihood.maximumValue() == 1;
        return unit ? decoded.muli(2).subi(1) : decoded;
    }

    @Override
    public Optional<GeneratorSampler> generator() {
        return Optional.of(model);
    }
}
