package org.gan4j.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.GanTrainingException;
import org.gan4j.GeneratorSampler;
import org.gan4j.LossHistory;
import org.gan4j.MetricPoint;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.dl4j.internal.CollapseMonitor;
import org.gan4j.dl4j.internal.EmaWeights;
import org.gan4j.dl4j.internal.LabelSampler;
import org.gan4j.dl4j.internal.OffHeapReclaimer;
import org.gan4j.dl4j.internal.GanGraphs;
import org.gan4j.dl4j.internal.LatentSampler;
import org.gan4j.dl4j.internal.NetworkUpdater;
import org.gan4j.dl4j.internal.ParameterStore;
import org.gan4j.dl4j.internal.PhaseGraph;
import org.gan4j.dl4j.internal.RealBatches;
import org.gan4j.loss.WeightConstraint;
import org.gan4j.losses.WassersteinLoss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link GanTrainer#fit()}: fresh weights and optimizer state, the phase graphs compiled once, then the step loop.
 * Every array a step touches (real batches, latent batches, optimizer state) is allocated here, before the loop.
 */
final class TrainingRun implements TrainingView {
    private final GanTrainer config;
    private final ParameterStore generatorParams;
    private final ParameterStore discriminatorParams;
    private final PhaseGraph discriminatorPhase;
    private final PhaseGraph generatorPhase;
    private final INDArray[] realBatches;
    private final INDArray[] realLabels;
    private final INDArray discriminatorFakeLabels;
    private final INDArray generatorFakeLabels;
    private final LabelSampler labelSampler;
    private final int classes;
    private final List<Map<String, INDArray>> discriminatorFeeds = new ArrayList<>();
    private final Map<String, INDArray> generatorFeed;
    private final INDArray discriminatorLatent;
    private final INDArray generatorLatent;
    private final boolean fakeShareable;
    private final String discriminatorFake;
    private final INDArray sharedFake;
    private final Map<String, INDArray> sharedFakeFeed;
    private boolean executionChosen;
    private boolean fakeShared;
    private final LatentSampler latentSampler;
    private final RealBatches batches;
    private final GeneratorModel sampler;
    private final EmaWeights ema;
    private final List<StepResult> history = new ArrayList<>();
    private final List<MetricPoint> metrics = new ArrayList<>();
    private final long totalSteps;
    private long step;
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private boolean reclaimerChosen;
    private OffHeapReclaimer reclaimer = OffHeapReclaimer.forSameDiffSteps();
    private final CollapseMonitor collapse = new CollapseMonitor();
    private int rollbacks;
    private int epoch;

    TrainingRun(GanTrainer config) {
        this.config = config;
        long seed = config.seed;
        int b = config.batchSize;
        int latentSize = config.generator.latent().size();
        Nd4j.getRandom().setSeed(seed);
        Random initRandom = Nd4j.getRandomFactory().getNewRandomInstance(seed ^ 0x9E3779B97F4A7C15L);
        generatorParams = new ParameterStore("G", initRandom);
        discriminatorParams = new ParameterStore("D", initRandom);
        GanGraphs graphs = GanGraphs.build(config.generator, config.discriminator, config.loss, config.penalties, b,
                generatorParams, discriminatorParams);

        classes = config.discriminator.classes();
        realBatches = new INDArray[config.discriminatorSteps];
        realLabels = new INDArray[config.discriminatorSteps];
        discriminatorLatent = Nd4j.create(DataType.FLOAT, b, latentSize);
        generatorLatent = Nd4j.create(DataType.FLOAT, b, latentSize);
        discriminatorFakeLabels = classes == 0 ? null : Nd4j.create(DataType.FLOAT, b, classes);
        generatorFakeLabels = classes == 0 ? null : Nd4j.create(DataType.FLOAT, b, classes);
        for (int i = 0; i < realBatches.length; i++) {
            realBatches[i] = Nd4j.create(DataType.FLOAT, config.discriminator.inputShape().withBatch(b));
            if (classes == 0) {
                discriminatorFeeds.add(Map.of(GanGraphs.REAL, realBatches[i], GanGraphs.LATENT, discriminatorLatent));
            } else {
                realLabels[i] = Nd4j.create(DataType.FLOAT, b, classes);
                discriminatorFeeds.add(Map.of(GanGraphs.REAL, realBatches[i], GanGraphs.LATENT, discriminatorLatent,
                        GanGraphs.REAL_LABEL, realLabels[i], GanGraphs.FAKE_LABEL, discriminatorFakeLabels));
            }
        }
        generatorFeed = classes == 0 ? Map.of(GanGraphs.LATENT, generatorLatent)
                : Map.of(GanGraphs.LATENT, generatorLatent, GanGraphs.FAKE_LABEL, generatorFakeLabels);
        labelSampler = classes == 0 ? null : new LabelSampler(seed + 4, classes);

        totalSteps = config.steps > 0 ? config.steps : stepsForEpochs();
        long dUpdates = totalSteps < 0 ? -1 : totalSteps * config.discriminatorSteps;
        discriminatorPhase = new PhaseGraph("discriminator", graphs.discriminatorGraph(), graphs.discriminatorLoss(),
                new NetworkUpdater(config.discriminatorOptimizer, discriminatorParams.parameters(), dUpdates),
                graphs.discriminatorUpdates());
        generatorPhase = new PhaseGraph("generator", graphs.generatorGraph(), graphs.generatorLoss(),
                new NetworkUpdater(config.generatorOptimizer, generatorParams.parameters(), totalSteps),
                graphs.generatorUpdates());
        generatorPhase.measureGradientNorm();
        fakeShareable = config.discriminatorSteps == 1 && PhaseGraph.compiledExecution();
        discriminatorFake = graphs.discriminatorFake();
        sharedFake = fakeShareable ? Nd4j.create(DataType.FLOAT, config.generator.outputShape().withBatch(b)) : null;
        if (fakeShareable) {
            generatorPhase.computeEarly(graphs.generatorFake());
        }
        sharedFakeFeed = classes == 0 ? Map.of(GanGraphs.REAL, realBatches[0])
                : Map.of(GanGraphs.REAL, realBatches[0], GanGraphs.REAL_LABEL, realLabels[0], GanGraphs.FAKE_LABEL,
                        generatorFakeLabels);
        latentSampler = new LatentSampler(config.generator.latent(), seed + 1);
        batches = new RealBatches(config.data, b, seed + 2);
        ema = config.emaDecay >= 0 ? new EmaWeights(generatorParams, config.emaDecay, config.emaStart, initRandom) : null;
        ParameterStore sampled = ema != null ? ema.average() : generatorParams;
        sampler = new GeneratorModel(GanGraphs.inference(config.generator, sampled, GeneratorModel.LATENT,
                GeneratorModel.SAMPLE), config.generator.latent(), config.generator.outputShape(), seed + 3, classes);
    }

    private long stepsForEpochs() {
        if (config.data.size().isEmpty()) {
            return -1;
        }
        long batchesPerEpoch = config.data.size().getAsLong() / config.batchSize;
        return batchesPerEpoch * config.epochs / config.discriminatorSteps;
    }

    TrainedGan run() {
        return run(null);
    }

    /**
     * @param resumeFrom a checkpoint to continue from, or null for a fresh run
     */
    TrainedGan run(Checkpoint resumeFrom) {
        checkGeneratorOutput();
        if (resumeFrom != null) {
            restore(resumeFrom);
        }
        while (config.steps == 0 || step < config.steps) {
            try {
                if (!trainOneStep()) {
                    break;
                }
            } catch (Divergence d) {
                rollBackOrStop(d);
            }
        }
        for (TrainingListener l : config.listeners) {
            l.onFitEnd(this);
        }
        return new TrainedGan(sampler, history());
    }

    /** Fills the step's k real batches; false when the last epoch ended first. */
    private boolean stageRealBatches() {
        for (int i = 0; i < realBatches.length; i++) {
            while (!batches.fill(realBatches[i], realLabels[i])) {
                int finished = epoch++;
                for (TrainingListener l : config.listeners) {
                    l.onEpochEnd(this, finished);
                }
                if (config.epochs > 0 && epoch >= config.epochs) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return false when the last epoch ended before the step could start */
    private boolean trainOneStep() {
        long stepStart = System.nanoTime();
        if (!stageRealBatches()) {
            return false;
        }
        if (org.gan4j.dl4j.internal.OpProfile.ENABLED) {
            org.gan4j.dl4j.internal.OpProfile.section("[stage batches]", System.nanoTime() - stepStart);
        }
        chooseExecution();
        if (fakeShared) {
            return trainOneStepSharingTheFakeBatch(stepStart);
        }
        double dLoss = 0;
        for (Map<String, INDArray> feed : discriminatorFeeds) {
            latentSampler.fill(discriminatorLatent);
            if (labelSampler != null) {
                labelSampler.fill(discriminatorFakeLabels);
            }
            dLoss += runPhase(discriminatorPhase, feed);
            for (WeightConstraint constraint : config.constraints) {
                constraint.apply(discriminatorParams.parameters());
            }
        }
        dLoss /= discriminatorFeeds.size();
        latentSampler.fill(generatorLatent);
        if (labelSampler != null) {
            labelSampler.fill(generatorFakeLabels);
        }
        double gLoss = runPhase(generatorPhase, generatorFeed);
        return endStep(stepStart, dLoss, gLoss);
    }

    /**
     * Decides at the first step whether one generator forward pass serves both phases: with one discriminator step
     * per generator step and both phases compiled, the generator phase computes G(z) first, the discriminator phase
     * reads it, and the generator phase then finishes on the updated discriminator (as TF-GAN and the PyTorch DCGAN
     * example do). Otherwise each phase draws its own noise and computes G(z) itself.
     */
    private void chooseExecution() {
        if (executionChosen) {
            return;
        }
        executionChosen = true;
        boolean generatorCompiled = generatorPhase.prepare();
        if (fakeShareable && generatorCompiled) {
            discriminatorPhase.inject(discriminatorFake, sharedFake);
        }
        fakeShared = fakeShareable && generatorCompiled && discriminatorPhase.prepare();
    }

    private boolean trainOneStepSharingTheFakeBatch(long stepStart) {
        latentSampler.fill(generatorLatent);
        if (labelSampler != null) {
            labelSampler.fill(generatorFakeLabels);
        }
        sharedFake.assign(generatorPhase.runEarly(generatorFeed));
        double dLoss = runPhase(discriminatorPhase, sharedFakeFeed);
        for (WeightConstraint constraint : config.constraints) {
            constraint.apply(discriminatorParams.parameters());
        }
        double gLoss = runPhase(generatorPhase, generatorFeed);
        return endStep(stepStart, dLoss, gLoss);
    }

    private boolean endStep(long stepStart, double dLoss, double gLoss) {
        if (ema != null) {
            ema.update(step + 1);
        }
        long r0 = System.nanoTime();
        if (!reclaimerChosen) {
            reclaimerChosen = true;
            if (generatorPhase.compiled() && discriminatorPhase.compiled()) {
                reclaimer = OffHeapReclaimer.forCompiledSteps();
            }
        }
        reclaimer.afterStep(System.nanoTime() - stepStart);
        if (org.gan4j.dl4j.internal.OpProfile.ENABLED) {
            org.gan4j.dl4j.internal.OpProfile.section("[reclaimer]", System.nanoTime() - r0);
            org.gan4j.dl4j.internal.OpProfile.section("[step total]", System.nanoTime() - stepStart);
        }
        step++;
        collapse.observe(step, dLoss, generatorPhase.lastGradientNorm(), !(config.loss instanceof WassersteinLoss));
        StepResult result = new StepResult(step, epoch, dLoss, gLoss);
        history.add(result);
        for (TrainingListener l : config.listeners) {
            l.onStepEnd(this, result);
        }
        if (config.checkpointDirectory != null && (step % config.checkpointEvery == 0 || step == totalSteps)) {
            CheckpointFiles.write(config.checkpointDirectory, step, checkpointBytes(), config.checkpointsKept);
        }
        return true;
    }

    /** A non-finite loss or weight, before the trainer decides between rolling back and stopping. */
    private static final class Divergence extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Divergence(String message) {
            super(message);
        }
    }

    private void rollBackOrStop(Divergence d) {
        if (config.rollbackFactor <= 0) {
            throw new GanTrainingException(d.getMessage(), d);
        }
        if (rollbacks >= config.maxRollbacks) {
            throw new GanTrainingException(d.getMessage() + " (after " + rollbacks + " rollbacks, the most allowed)", d);
        }
        java.util.Optional<java.nio.file.Path> latest = Checkpoint.latest(config.checkpointDirectory);
        if (latest.isEmpty()) {
            throw new GanTrainingException(d.getMessage() + " (no checkpoint to roll back to yet)", d);
        }
        long failedAt = step + 1;
        restore(Checkpoint.read(latest.get()));
        rollbacks++;
        double scale = generatorPhase.updater().learningRateScale() * config.rollbackFactor;
        generatorPhase.updater().setLearningRateScale(scale);
        discriminatorPhase.updater().setLearningRateScale(scale);
        LOG.warn("{}; rolled back from step {} to the checkpoint of step {} with learning rates × {} (rollback {} of {})",
                d.getMessage(), failedAt, step, scale, rollbacks, config.maxRollbacks);
    }

    private double runPhase(PhaseGraph phase, Map<String, INDArray> feed) {
        double loss;
        try {
            loss = phase.step(feed, epoch);
        } catch (RuntimeException e) {
            throw new GanTrainingException("step " + (step + 1) + ": the " + phase.network() + " update failed: "
                    + e.getMessage(), e);
        }
        if (!Double.isFinite(loss)) {
            throw new Divergence("step " + (step + 1) + ": the " + phase.network() + " loss (" + config.loss + ") is " + loss);
        }
        long t0 = System.nanoTime();
        String broken = phase.updater().firstNonFiniteParameter();
        if (org.gan4j.dl4j.internal.OpProfile.ENABLED) {
            org.gan4j.dl4j.internal.OpProfile.section("[finite check]", System.nanoTime() - t0);
        }
        if (broken != null) {
            throw new Divergence("step " + (step + 1) + ": the " + phase.network() + " weight " + broken
                    + " holds NaN or infinite values after the update (loss " + config.loss + " was " + loss + ")");
        }
        return loss;
    }

    /** @return the whole training state as a checkpoint archive */
    byte[] checkpointBytes() {
        Checkpoint.Writer w = new Checkpoint.Writer(step, epoch, config.configuration());
        ObjectNode m = w.manifest();
        m.put("seed", config.seed);
        w.longs("random_global", Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState())
                .longs("random_latent", latentSampler.randomState())
                .longs("random_sampler", sampler.latentSampler().randomState())
                .longs("data_position", batches.position());
        m.put("generator_updates", generatorPhase.updater().iteration());
        m.put("discriminator_updates", discriminatorPhase.updater().iteration());
        m.put("learning_rate_scale", generatorPhase.updater().learningRateScale());
        m.put("label_draws", labelSampler == null ? 0 : labelSampler.counter());
        m.put("sampler_label_draws", sampler.labelSampler() == null ? 0 : sampler.labelSampler().counter());
        checkpointArrays().forEach(w::arrays);
        return w.history(history()).toBytes();
    }

    /** @return every array a checkpoint holds, by archive group: the live arrays, restored in place */
    private Map<String, Map<String, INDArray>> checkpointArrays() {
        Map<String, Map<String, INDArray>> groups = new java.util.LinkedHashMap<>();
        groups.put("G/params", generatorParams.parameters());
        groups.put("G/state", generatorParams.state());
        groups.put("G/optimizer", generatorPhase.updater().states());
        groups.put("D/params", discriminatorParams.parameters());
        groups.put("D/state", discriminatorParams.state());
        groups.put("D/optimizer", discriminatorPhase.updater().states());
        groups.put("EMA/params", ema == null ? Map.of() : ema.average().parameters());
        groups.put("EMA/state", ema == null ? Map.of() : ema.average().state());
        return groups;
    }

    /** Checks the checkpoint against this run completely, then overwrites the run's state with it. */
    private void restore(Checkpoint c) {
        if (!c.configuration().equals(config.configuration())) {
            throw new IllegalArgumentException("checkpoint was written by another configuration:\n  checkpoint: "
                    + c.configuration() + "\n  trainer:    " + config.configuration());
        }
        if (totalSteps >= 0 && c.step() > totalSteps) {
            throw new IllegalArgumentException("checkpoint is at step " + c.step() + ", beyond this trainer's " + totalSteps + " steps");
        }
        c.restoreInto(checkpointArrays());
        JsonNode m = c.manifest();
        long[] global = c.longs("random_global");
        Nd4j.getRandom().setStates(global[0], global[1]);
        latentSampler.restoreRandomState(c.longs("random_latent"));
        sampler.latentSampler().restoreRandomState(c.longs("random_sampler"));
        batches.restorePosition(c.longs("data_position"));
        generatorPhase.updater().restoreIteration(m.get("generator_updates").asInt());
        discriminatorPhase.updater().restoreIteration(m.get("discriminator_updates").asInt());
        if (labelSampler != null) {
            labelSampler.restoreCounter(m.path("label_draws").asLong());
            sampler.labelSampler().restoreCounter(m.path("sampler_label_draws").asLong());
        }
        double scale = m.path("learning_rate_scale").asDouble(1.0);
        generatorPhase.updater().setLearningRateScale(scale);
        discriminatorPhase.updater().setLearningRateScale(scale);
        history.clear();
        history.addAll(c.history().steps());
        metrics.clear();
        metrics.addAll(c.history().metrics());
        step = c.step();
        epoch = c.epoch();
    }

    private void checkGeneratorOutput() {
        INDArray probe = sampler.sample(2);
        long[] expected = config.generator.outputShape().withBatch(2);
        if (!java.util.Arrays.equals(probe.shape(), expected)) {
            throw new GanTrainingException("generator produces samples of shape " + java.util.Arrays.toString(probe.shape())
                    + " but declares " + java.util.Arrays.toString(expected));
        }
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public long totalSteps() {
        return totalSteps;
    }

    @Override
    public LossHistory history() {
        return new LossHistory(history, metrics);
    }

    @Override
    public void recordMetric(String name, double value) {
        metrics.add(new MetricPoint(step, name, value));
    }

    @Override
    public String configuration() {
        return config + ", generator=" + config.generator + ", discriminator=" + config.discriminator;
    }

    @Override
    public GeneratorSampler generator() {
        return sampler;
    }
}
