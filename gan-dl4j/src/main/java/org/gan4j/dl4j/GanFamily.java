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
import org.gan4j.dl4j.internal.data.LabelSampler;
import org.gan4j.dl4j.internal.data.LatentSampler;
import org.gan4j.dl4j.internal.data.RandomStream;
import org.gan4j.dl4j.internal.data.RealBatches;
import org.gan4j.dl4j.internal.exec.PhaseGraph;
import org.gan4j.dl4j.internal.family.AugmentationRun;
import org.gan4j.dl4j.internal.family.CollapseMonitor;
import org.gan4j.dl4j.internal.graph.AugmentGraph;
import org.gan4j.dl4j.internal.graph.GanGraphs;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.optim.NetworkUpdater;
import org.gan4j.loss.WeightConstraint;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GAN family (unconditional and conditional): a generator and a discriminator, a discriminator phase run k
 * times per step (each on a fresh real batch and latent batch, followed by the weight constraints) and a generator
 * phase. Every array a step touches is allocated here, before the first step.
 *
 * <p>With k = 1 and compiled phases, one generator forward pass serves both phases: the generator phase computes
 * G(z) first, the discriminator phase reads it, and the generator phase then finishes on the updated discriminator
 * (as TF-GAN and the PyTorch DCGAN example do). Otherwise each phase draws its own noise.
 */
final class GanFamily implements ModelFamily<GanFamily.State> {
    /** The random streams a GAN run draws from. */
    static final Set<RandomStream> STREAMS = EnumSet.of(RandomStream.LATENT, RandomStream.DATA, RandomStream.SAMPLER,
            RandomStream.LABELS, RandomStream.AUGMENT);

    /**
     * A GAN's checkpoint state beyond weights and optimizer states.
     *
     * @param latentRandom      the training latent stream's state
     * @param samplerRandom     the sampler's latent stream's state
     * @param dataPosition      {pass, batches taken} of the data
     * @param labelDraws        class labels drawn for training batches
     * @param samplerLabelDraws class labels drawn by the sampler
     * @param augmentation      the augmentation stream and ADA controller (null without augmentation)
     */
    record State(long[] latentRandom, long[] samplerRandom, long[] dataPosition, long labelDraws, long samplerLabelDraws,
                 AugmentationRun.State augmentation) {
    }

    private final GanTrainer config;
    private final RunLoop.Setup setup;
    private final ParameterStore generatorParams;
    private final ParameterStore discriminatorParams;
    private final PhaseGraph discriminatorPhase;
    private final PhaseGraph generatorPhase;
    private final GanGraphs graphs;
    private final INDArray[] realBatches;
    private final INDArray[] realLabels;
    private final INDArray discriminatorLatent;
    private final INDArray generatorLatent;
    private final INDArray discriminatorFakeLabels;
    private final INDArray generatorFakeLabels;
    private final Map<String, INDArray>[] discriminatorFeeds;
    private final Map<String, INDArray> generatorFeed;
    private final LabelSampler labelSampler;
    private final LatentSampler latentSampler;
    private final RealBatches batches;
    private final CollapseMonitor collapse = new CollapseMonitor();
    private final AugmentationRun augmentation;
    private INDArray sharedFake;
    private Map<String, INDArray> sharedFakeFeed;
    private boolean executionChosen;
    private boolean fakeShared;
    private GeneratorModel sampler;

    @SuppressWarnings("unchecked")
    GanFamily(GanTrainer config, RunLoop.Setup setup) {
        this.config = config;
        this.setup = setup;
        int b = config.settings.batchSize();
        int k = config.discriminatorSteps;
        int classes = config.discriminator.classes();
        generatorParams = new ParameterStore("G", setup.weights());
        discriminatorParams = new ParameterStore("D", setup.weights());
        Execution execution = config.settings.execution();
        augmentation = config.augment == null ? null : new AugmentationRun(config.augment, config.adaptiveAugmentation,
                config.discriminator.inputShape(), b, setup.seed(RandomStream.AUGMENT));
        graphs = GanGraphs.build(config.generator, config.discriminator, config.loss, config.penalties, config.augment, b,
                generatorParams, discriminatorParams, execution);
        long totalSteps = setup.totalSteps();
        discriminatorPhase = new PhaseGraph("discriminator", graphs.discriminatorGraph(), graphs.discriminatorLoss(),
                new NetworkUpdater(config.discriminatorOptimizer, discriminatorParams.parameters(),
                        totalSteps < 0 ? -1 : totalSteps * k), graphs.discriminatorUpdates(), execution);
        generatorPhase = new PhaseGraph("generator", graphs.generatorGraph(), graphs.generatorLoss(),
                new NetworkUpdater(config.generatorOptimizer, generatorParams.parameters(), totalSteps),
                graphs.generatorUpdates(), execution);
        generatorPhase.measureGradientNorm();
        discriminatorPhase.iterateSpectralNormsOf(discriminatorParams);
        if (augmentation != null) {
            discriminatorPhase.copyOutput(AugmentGraph.REAL_SIGNS, augmentation.realSigns());
        }
        generatorPhase.iterateSpectralNormsOf(generatorParams);

        int latentSize = config.generator.latent().size();
        discriminatorLatent = Nd4j.create(DataType.FLOAT, b, latentSize);
        generatorLatent = Nd4j.create(DataType.FLOAT, b, latentSize);
        discriminatorFakeLabels = classes == 0 ? null : Nd4j.create(DataType.FLOAT, b, classes);
        generatorFakeLabels = classes == 0 ? null : Nd4j.create(DataType.FLOAT, b, classes);
        realBatches = new INDArray[k];
        realLabels = new INDArray[k];
        discriminatorFeeds = new Map[k];
        for (int i = 0; i < k; i++) {
            realBatches[i] = Nd4j.create(DataType.FLOAT, config.discriminator.inputShape().withBatch(b));
            realLabels[i] = classes == 0 ? null : Nd4j.create(DataType.FLOAT, b, classes);
            discriminatorFeeds[i] = feed(realBatches[i], realLabels[i], discriminatorLatent, discriminatorFakeLabels, true);
        }
        generatorFeed = feed(null, null, generatorLatent, generatorFakeLabels, false);
        if (k == 1 && execution == Execution.COMPILED) {
            sharedFake = Nd4j.create(DataType.FLOAT, config.generator.outputShape().withBatch(b));
            sharedFakeFeed = feed(realBatches[0], realLabels[0], null, generatorFakeLabels, true);
            generatorPhase.computeEarly(graphs.generatorFake());
        }
        labelSampler = classes == 0 ? null : new LabelSampler(setup.seed(RandomStream.LABELS), classes);
        latentSampler = new LatentSampler(config.generator.latent(), setup.seed(RandomStream.LATENT));
        batches = new RealBatches(config.data, b, setup.seed(RandomStream.DATA));
    }

    /** @return a feed of the given arrays, leaving out the nulls, and the augmentation's of one phase */
    private Map<String, INDArray> feed(INDArray real, INDArray realLabel, INDArray latent, INDArray fakeLabel,
                                       boolean discriminatorPhase) {
        Map<String, INDArray> feed = new LinkedHashMap<>();
        if (augmentation != null) {
            feed.putAll(discriminatorPhase ? augmentation.discriminatorArrays() : augmentation.generatorArrays());
        }
        if (real != null) {
            feed.put(GanGraphs.REAL, real);
        }
        if (latent != null) {
            feed.put(GanGraphs.LATENT, latent);
        }
        if (realLabel != null) {
            feed.put(GanGraphs.REAL_LABEL, realLabel);
        }
        if (fakeLabel != null) {
            feed.put(GanGraphs.FAKE_LABEL, fakeLabel);
        }
        return Map.copyOf(feed);
    }

    @Override
    public List<PhaseGraph> phases() {
        return List.of(discriminatorPhase, generatorPhase);
    }

    @Override
    public List<ParameterStore> networks() {
        return List.of(generatorParams, discriminatorParams);
    }

    @Override
    public List<ParameterStore> averagedNetworks() {
        return List.of(generatorParams);
    }

    @Override
    public void buildInference(UnaryOperator<ParameterStore> sampled) {
        sampler = GeneratorModel.of(config.generator, sampled.apply(generatorParams), setup.seed(RandomStream.SAMPLER));
        INDArray probe = sampler.sample(2);
        long[] expected = config.generator.outputShape().withBatch(2);
        if (!Arrays.equals(probe.shape(), expected)) {
            throw new GanTrainingException("generator produces samples of shape " + Arrays.toString(probe.shape())
                    + " but declares " + Arrays.toString(expected));
        }
    }

    /** @return the generator listeners and the result sample from */
    GeneratorModel sampler() {
        return sampler;
    }

    @Override
    public boolean stage(Passes passes) {
        for (int i = 0; i < realBatches.length; i++) {
            while (!batches.fill(realBatches[i], realLabels[i])) {
                if (!passes.passEnded()) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public StepResult step(PhaseRunner runner, long step, int epoch) {
        chooseExecution();
        if (augmentation != null) {
            // before runEarly: a plan copies every placeholder of the generator phase when the phase starts
            augmentation.beforeGeneratorStep();
        }
        double dLoss = 0;
        if (fakeShared) {
            fillLatent(generatorLatent, generatorFakeLabels);
            sharedFake.assign(generatorPhase.runEarly(generatorFeed));
            dLoss = discriminatorStep(runner, sharedFakeFeed, epoch);
        } else {
            for (Map<String, INDArray> feed : discriminatorFeeds) {
                fillLatent(discriminatorLatent, discriminatorFakeLabels);
                dLoss += discriminatorStep(runner, feed, epoch);
            }
            dLoss /= discriminatorFeeds.length;
            fillLatent(generatorLatent, generatorFakeLabels);
        }
        double gLoss = runner.run(generatorPhase, () -> generatorPhase.step(generatorFeed, epoch));
        collapse.observe(step, dLoss, generatorPhase.lastGradientNorm(), config.loss.classifiesRealAndFake());
        return new StepResult(step, epoch, dLoss, gLoss, augmentation == null ? Map.of() : augmentation.terms());
    }

    private double discriminatorStep(PhaseRunner runner, Map<String, INDArray> feed, int epoch) {
        if (augmentation != null) {
            augmentation.beforeDiscriminatorStep();
        }
        double loss = runner.run(discriminatorPhase, () -> discriminatorPhase.step(feed, epoch));
        if (augmentation != null) {
            augmentation.afterDiscriminatorStep();
        }
        applyConstraints();
        return loss;
    }

    private void fillLatent(INDArray latent, INDArray fakeLabels) {
        latentSampler.fill(latent);
        if (labelSampler != null) {
            labelSampler.fill(fakeLabels);
        }
    }

    private void applyConstraints() {
        for (WeightConstraint constraint : config.constraints) {
            constraint.apply(discriminatorParams.parameters());
        }
    }

    /** Decides at the first step whether one generator forward pass serves both phases (see the class doc). */
    private void chooseExecution() {
        if (executionChosen) {
            return;
        }
        executionChosen = true;
        boolean generatorCompiled = generatorPhase.prepare();
        if (sharedFake != null && generatorCompiled) {
            discriminatorPhase.inject(graphs.discriminatorFake(), sharedFake);
        }
        fakeShared = sharedFake != null && generatorCompiled && discriminatorPhase.prepare();
    }

    @Override
    public Map<String, String> configuration() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("family", "GAN");
        c.put("loss", String.valueOf(config.loss));
        c.put("generatorOptimizer", String.valueOf(config.generatorOptimizer));
        c.put("discriminatorOptimizer", String.valueOf(config.discriminatorOptimizer));
        c.put("discriminatorSteps", String.valueOf(config.discriminatorSteps));
        c.put("penalties", String.valueOf(config.penalties));
        c.put("constraints", String.valueOf(config.constraints));
        c.put("augment", String.valueOf(config.augment));
        c.put("adaptiveAugmentation", String.valueOf(config.adaptiveAugmentation));
        c.put("generator", String.valueOf(config.generator));
        c.put("discriminator", String.valueOf(config.discriminator));
        return c;
    }

    @Override
    public String lossDescription() {
        return String.valueOf(config.loss);
    }

    @Override
    public State state() {
        return new State(latentSampler.randomState(), sampler.latentSampler().randomState(), batches.position(),
                labelSampler == null ? 0 : labelSampler.counter(),
                sampler.labelSampler() == null ? 0 : sampler.labelSampler().counter(),
                augmentation == null ? null : augmentation.state());
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public void restore(State state, Function<String, Map<String, INDArray>> arrays) {
        latentSampler.restoreRandomState(state.latentRandom());
        sampler.latentSampler().restoreRandomState(state.samplerRandom());
        batches.restorePosition(state.dataPosition());
        if (labelSampler != null) {
            labelSampler.restoreCounter(state.labelDraws());
            sampler.labelSampler().restoreCounter(state.samplerLabelDraws());
        }
        if (augmentation != null && state.augmentation() != null) {
            augmentation.restore(state.augmentation());
        }
    }

    @Override
    public Map<String, Map<String, INDArray>> stateArrays() {
        return Map.of();
    }

    @Override
    public Optional<ImagePreview> preview(int count, int columns, long seed) {
        if (!ImagePreview.isImageShape(config.generator.outputShape())) {
            return Optional.empty();
        }
        INDArray latent = Nd4j.create(DataType.FLOAT, count, config.generator.latent().size());
        new LatentSampler(config.generator.latent(), seed).fill(latent);
        int classes = sampler.classes();
        if (classes == 0) {
            return Optional.of(new ImagePreview(sampler.sample(latent), columns));
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return Optional.of(new ImagePreview(sampler.sample(latent, labels), columns));
    }

    @Override
    public INDArray generate(int n) {
        return sampler.sample(n);
    }

    @Override
    public Optional<GeneratorSampler> generator() {
        return Optional.of(sampler);
    }
}
