package org.gan4j.dl4j;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.gan4j.GeneratorSampler;
import org.gan4j.ImagePreview;
import org.gan4j.StepResult;
import org.gan4j.dl4j.internal.data.LatentSampler;
import org.gan4j.dl4j.internal.data.RandomStream;
import org.gan4j.dl4j.internal.data.RealBatches;
import org.gan4j.dl4j.internal.exec.PhaseGraph;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.optim.NetworkUpdater;
import org.gan4j.dl4j.internal.stylegan.StyleGanGraphs;
import org.gan4j.zoo.StyleGan2;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The StyleGAN2 family: G main, G path length (every k_G steps, half the batch), D main and R1 (every k_D steps, the
 * same real batch) in that order, as the reference's phases Gmain, Greg, Dmain, Dreg; see {@link StyleGanTrainer}.
 * The main and regularization phases of a network share one optimizer.
 */
final class StyleGanFamily implements ModelFamily<StyleGanFamily.State> {
    /** The random streams a StyleGAN run draws from. */
    static final Set<RandomStream> STREAMS = EnumSet.of(RandomStream.LATENT, RandomStream.DATA, RandomStream.SAMPLER,
            RandomStream.STYLE_NOISE);
    /** The step's path length penalty (weighted, times the interval), from the latest step that ran it. */
    static final String PATH_LENGTH = "pathLength";
    /** The running mean a of the path lengths. */
    static final String PATH_LENGTH_MEAN = "pathLengthMean";
    /** The R1 loss (k_D·γ/2·mean ‖∇D‖²), from the latest step that ran it. */
    static final String R1 = "r1";

    /**
     * A StyleGAN run's checkpoint state beyond weights (w̄ and the fixed noise are G's state arrays) and optimizers.
     *
     * @param latentRandom       the training latent stream
     * @param noiseRandom        the training noise stream (noise maps, mixing, path-length noise)
     * @param samplerRandom      the model's latent stream
     * @param samplerNoiseRandom the model's noise stream
     * @param dataPosition       {pass, batches taken} of the data
     * @param pathLengthMean     the running mean a
     * @param lastPathLength     the latest path length penalty
     * @param lastR1             the latest R1 loss
     */
    record State(long[] latentRandom, long[] noiseRandom, long[] samplerRandom, long[] samplerNoiseRandom,
                 long[] dataPosition, double pathLengthMean, double lastPathLength, double lastR1) {
    }

    private final StyleGanTrainer config;
    private final RunLoop.Setup setup;
    private final StyleGan2 arch;
    private final ParameterStore generator;
    private final ParameterStore discriminator;
    private final PhaseGraph generatorMain;
    private final PhaseGraph pathLength;
    private final PhaseGraph discriminatorMain;
    private final PhaseGraph r1;
    private final StyleBatch generatorBatch;
    private final StyleBatch pathLengthBatch;
    private final StyleBatch discriminatorBatch;
    private final INDArray real;
    private final INDArray pathLengthNoise;
    private final INDArray pathLengthMeanFeed = Nd4j.create(DataType.FLOAT, 1);
    private final INDArray wMean;
    private final INDArray penaltyOut = Nd4j.create(DataType.FLOAT, 1);
    private final INDArray lengthOut = Nd4j.create(DataType.FLOAT, 1);
    private final Map<String, INDArray> pathLengthFeed = new LinkedHashMap<>();
    private final Map<String, INDArray> discriminatorFeed = new LinkedHashMap<>();
    private final Map<String, INDArray> r1Feed;
    private final LatentSampler latents;
    private final Random noiseRandom;
    private final RealBatches batches;
    private double pathLengthMean;
    private double lastPathLength = Double.NaN;
    private double lastR1 = Double.NaN;
    private StyleGanModel model;

    StyleGanFamily(StyleGanTrainer config, RunLoop.Setup setup) {
        this.config = config;
        this.setup = setup;
        this.arch = config.architecture;
        int b = config.settings.batchSize();
        Execution execution = config.settings.execution();
        generator = new ParameterStore("G", setup.weights());
        discriminator = new ParameterStore("D", setup.weights());
        boolean regularizesG = config.pathLengthWeight > 0;
        boolean regularizesD = config.r1Gamma > 0;
        var gMainGraph = StyleGanGraphs.generatorMain(arch, generator, discriminator, b, DataType.FLOAT,
                execution.fusedOps());
        var plGraph = regularizesG ? StyleGanGraphs.pathLength(arch, generator, b / 2, DataType.FLOAT,
                config.pathLengthWeight * config.pathLengthInterval, config.pathLengthDecay, execution.fusedOps()) : null;
        var dMainGraph = StyleGanGraphs.discriminatorMain(arch, generator, discriminator, b, DataType.FLOAT,
                execution.fusedOps());
        var r1Graph = regularizesD ? StyleGanGraphs.r1(arch, discriminator, b, DataType.FLOAT, config.r1Gamma,
                config.r1Interval, execution.fusedOps()) : null;
        StyleGanModel.createState(arch, generator);
        long steps = setup.totalSteps();
        NetworkUpdater gUpdater = new NetworkUpdater(StyleGanTrainer.lazyCorrected(config.generatorOptimizer,
                regularizesG ? config.pathLengthInterval : 0), generator.parameters(),
                updates(steps, regularizesG ? config.pathLengthInterval : 0));
        NetworkUpdater dUpdater = new NetworkUpdater(StyleGanTrainer.lazyCorrected(config.discriminatorOptimizer,
                regularizesD ? config.r1Interval : 0), discriminator.parameters(),
                updates(steps, regularizesD ? config.r1Interval : 0));
        gUpdater.stepParametersWithoutGradient();
        dUpdater.stepParametersWithoutGradient();
        generatorMain = new PhaseGraph("generator", gMainGraph, StyleGanGraphs.LOSS, gUpdater, List.of(), execution);
        pathLength = plGraph == null ? null
                : new PhaseGraph("generator-pl", plGraph, StyleGanGraphs.LOSS, gUpdater, List.of(), execution);
        discriminatorMain = new PhaseGraph("discriminator", dMainGraph, StyleGanGraphs.LOSS, dUpdater, List.of(), execution);
        r1 = r1Graph == null ? null
                : new PhaseGraph("discriminator-r1", r1Graph, StyleGanGraphs.LOSS, dUpdater, List.of(), execution);
        wMean = Nd4j.create(DataType.FLOAT, arch.wSize());
        generatorMain.copyOutput(StyleGanGraphs.W_MEAN, wMean);
        generatorBatch = new StyleBatch(arch, b, config.styleMixing);
        discriminatorBatch = new StyleBatch(arch, b, config.styleMixing);
        real = Nd4j.create(DataType.FLOAT, arch.imageShape().withBatch(b));
        discriminatorFeed.putAll(discriminatorBatch.feed());
        discriminatorFeed.put(StyleGanGraphs.REAL, real);
        r1Feed = Map.of(StyleGanGraphs.REAL, real);
        if (pathLength != null) {
            pathLengthBatch = new StyleBatch(arch, b / 2, config.styleMixing);
            pathLengthNoise = Nd4j.create(DataType.FLOAT, arch.imageShape().withBatch(b / 2));
            pathLengthFeed.putAll(pathLengthBatch.feed());
            pathLengthFeed.put(StyleGanGraphs.PL_NOISE, pathLengthNoise);
            pathLengthFeed.put(StyleGanGraphs.PL_MEAN, pathLengthMeanFeed);
            pathLength.copyOutput(StyleGanGraphs.PL_PENALTY, penaltyOut);
            pathLength.copyOutput(StyleGanGraphs.PL_LENGTH, lengthOut);
        } else {
            pathLengthBatch = null;
            pathLengthNoise = null;
        }
        latents = new LatentSampler(arch.latent(), setup.seed(RandomStream.LATENT));
        noiseRandom = Nd4j.getRandomFactory().getNewRandomInstance(setup.seed(RandomStream.STYLE_NOISE));
        batches = new RealBatches(config.data, b, setup.seed(RandomStream.DATA));
    }

    private static long updates(long steps, int interval) {
        return steps < 0 ? -1 : steps + (interval == 0 ? 0 : (steps + interval - 1) / interval);
    }

    @Override
    public List<PhaseGraph> phases() {
        List<PhaseGraph> phases = new ArrayList<>(List.of(generatorMain));
        if (pathLength != null) {
            phases.add(pathLength);
        }
        phases.add(discriminatorMain);
        if (r1 != null) {
            phases.add(r1);
        }
        return phases;
    }

    @Override
    public List<ParameterStore> networks() {
        return List.of(generator, discriminator);
    }

    @Override
    public List<ParameterStore> averagedNetworks() {
        return List.of(generator);
    }

    @Override
    public void buildInference(UnaryOperator<ParameterStore> sampled) {
        model = StyleGanModel.of(arch, sampled.apply(generator), setup.seed(RandomStream.SAMPLER));
    }

    /** @return the model listeners and the result use */
    StyleGanModel model() {
        return model;
    }

    @Override
    public boolean stage(Passes passes) {
        while (!batches.fill(real, null)) {
            if (!passes.passEnded()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public StepResult step(PhaseRunner runner, long step, int epoch) {
        long t = step - 1;
        generatorBatch.fill(latents, noiseRandom);
        double gLoss = runner.run(generatorMain, () -> generatorMain.step(generatorBatch.feed(), epoch));
        INDArray average = generator.state().get(StyleGanModel.W_AVERAGE);
        average.subi(wMean).muli(config.wAverageBeta).addi(wMean);
        if (pathLength != null && t % config.pathLengthInterval == 0) {
            pathLengthBatch.fill(latents, noiseRandom);
            Nd4j.getExecutioner().exec(new GaussianDistribution(pathLengthNoise, 0, 1), noiseRandom);
            pathLengthMeanFeed.assign(pathLengthMean);
            runner.run(pathLength, () -> pathLength.step(pathLengthFeed, epoch));
            pathLengthMean += config.pathLengthDecay * (lengthOut.getDouble(0) - pathLengthMean);
            lastPathLength = penaltyOut.getDouble(0);
        }
        discriminatorBatch.fill(latents, noiseRandom);
        double dLoss = runner.run(discriminatorMain, () -> discriminatorMain.step(discriminatorFeed, epoch));
        if (r1 != null && t % config.r1Interval == 0) {
            lastR1 = runner.run(r1, () -> r1.step(r1Feed, epoch));
        }
        Map<String, Double> terms = new LinkedHashMap<>();
        if (pathLength != null) {
            terms.put(PATH_LENGTH, lastPathLength);
            terms.put(PATH_LENGTH_MEAN, pathLengthMean);
        }
        if (r1 != null) {
            terms.put(R1, lastR1);
        }
        return new StepResult(step, epoch, dLoss, gLoss, terms);
    }

    @Override
    public Map<String, String> configuration() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("family", "StyleGAN2");
        c.put("architecture", String.valueOf(arch));
        c.put("r1", "gamma=" + config.r1Gamma + ", interval=" + config.r1Interval);
        c.put("pathLength", "weight=" + config.pathLengthWeight + ", interval=" + config.pathLengthInterval
                + ", decay=" + config.pathLengthDecay);
        c.put("styleMixing", String.valueOf(config.styleMixing));
        c.put("wAverageBeta", String.valueOf(config.wAverageBeta));
        c.put("generatorOptimizer", String.valueOf(config.generatorOptimizer));
        c.put("discriminatorOptimizer", String.valueOf(config.discriminatorOptimizer));
        return c;
    }

    @Override
    public String lossDescription() {
        return "non-saturating logistic loss with R1 (gamma " + config.r1Gamma + ") and path length regularization (weight "
                + config.pathLengthWeight + ")";
    }

    @Override
    public State state() {
        return new State(latents.randomState(), new long[] {noiseRandom.rootState(), noiseRandom.nodeState()},
                model.latentSampler().randomState(), model.noiseRandomState(), batches.position(), pathLengthMean,
                lastPathLength, lastR1);
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public void restore(State state, Function<String, Map<String, INDArray>> arrays) {
        latents.restoreRandomState(state.latentRandom());
        noiseRandom.setStates(state.noiseRandom()[0], state.noiseRandom()[1]);
        model.latentSampler().restoreRandomState(state.samplerRandom());
        model.restoreNoiseRandomState(state.samplerNoiseRandom());
        batches.restorePosition(state.dataPosition());
        pathLengthMean = state.pathLengthMean();
        lastPathLength = state.lastPathLength();
        lastR1 = state.lastR1();
    }

    @Override
    public Map<String, Map<String, INDArray>> stateArrays() {
        return Map.of();
    }

    @Override
    public Optional<ImagePreview> preview(int count, int columns, long seed) {
        INDArray z = Nd4j.create(DataType.FLOAT, count, arch.latentSize());
        new LatentSampler(arch.latent(), seed).fill(z);
        return Optional.of(new ImagePreview(model.sample(z), columns));
    }

    @Override
    public INDArray generate(int n) {
        return model.sample(n);
    }

    @Override
    public Optional<GeneratorSampler> generator() {
        return Optional.of(model);
    }
}
