package org.gan4j.dl4j;

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
import org.gan4j.dl4j.internal.OffHeapReclaimer;
import org.gan4j.dl4j.internal.GanGraphs;
import org.gan4j.dl4j.internal.LatentSampler;
import org.gan4j.dl4j.internal.NetworkUpdater;
import org.gan4j.dl4j.internal.ParameterStore;
import org.gan4j.dl4j.internal.PhaseGraph;
import org.gan4j.dl4j.internal.RealBatches;
import org.gan4j.loss.WeightConstraint;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

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
    private final List<Map<String, INDArray>> discriminatorFeeds = new ArrayList<>();
    private final Map<String, INDArray> generatorFeed;
    private final INDArray discriminatorLatent;
    private final INDArray generatorLatent;
    private final LatentSampler latentSampler;
    private final RealBatches batches;
    private final GeneratorModel sampler;
    private final List<StepResult> history = new ArrayList<>();
    private final List<MetricPoint> metrics = new ArrayList<>();
    private final long totalSteps;
    private long step;
    private final OffHeapReclaimer reclaimer = new OffHeapReclaimer();
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

        realBatches = new INDArray[config.discriminatorSteps];
        discriminatorLatent = Nd4j.create(DataType.FLOAT, b, latentSize);
        generatorLatent = Nd4j.create(DataType.FLOAT, b, latentSize);
        for (int i = 0; i < realBatches.length; i++) {
            realBatches[i] = Nd4j.create(DataType.FLOAT, config.discriminator.inputShape().withBatch(b));
            discriminatorFeeds.add(Map.of(GanGraphs.REAL, realBatches[i], GanGraphs.LATENT, discriminatorLatent));
        }
        generatorFeed = Map.of(GanGraphs.LATENT, generatorLatent);

        totalSteps = config.steps > 0 ? config.steps : stepsForEpochs();
        long dUpdates = totalSteps < 0 ? -1 : totalSteps * config.discriminatorSteps;
        discriminatorPhase = new PhaseGraph("discriminator", graphs.discriminatorGraph(), graphs.discriminatorLoss(),
                new NetworkUpdater(config.discriminatorOptimizer, discriminatorParams.parameters(), dUpdates),
                graphs.discriminatorUpdates());
        generatorPhase = new PhaseGraph("generator", graphs.generatorGraph(), graphs.generatorLoss(),
                new NetworkUpdater(config.generatorOptimizer, generatorParams.parameters(), totalSteps),
                graphs.generatorUpdates());
        latentSampler = new LatentSampler(config.generator.latent(), seed + 1);
        batches = new RealBatches(config.data, b, seed + 2);
        sampler = new GeneratorModel(GanGraphs.inference(config.generator, generatorParams, GeneratorModel.LATENT,
                GeneratorModel.SAMPLE), config.generator.latent(), config.generator.outputShape(), seed + 3);
    }

    private long stepsForEpochs() {
        if (config.data.size().isEmpty()) {
            return -1;
        }
        long batchesPerEpoch = config.data.size().getAsLong() / config.batchSize;
        return batchesPerEpoch * config.epochs / config.discriminatorSteps;
    }

    TrainedGan run() {
        checkGeneratorOutput();
        while (config.steps == 0 || step < config.steps) {
            long stepStart = System.nanoTime();
            if (!stageRealBatches()) {
                break;
            }
            double dLoss = 0;
            for (Map<String, INDArray> feed : discriminatorFeeds) {
                latentSampler.fill(discriminatorLatent);
                dLoss += runPhase(discriminatorPhase, feed);
                for (WeightConstraint constraint : config.constraints) {
                    constraint.apply(discriminatorParams.parameters());
                }
            }
            dLoss /= discriminatorFeeds.size();
            latentSampler.fill(generatorLatent);
            double gLoss = runPhase(generatorPhase, generatorFeed);
            reclaimer.afterStep(System.nanoTime() - stepStart);
            step++;
            StepResult result = new StepResult(step, epoch, dLoss, gLoss);
            history.add(result);
            for (TrainingListener l : config.listeners) {
                l.onStepEnd(this, result);
            }
        }
        for (TrainingListener l : config.listeners) {
            l.onFitEnd(this);
        }
        return new TrainedGan(sampler, history());
    }

    /** Fills the step's k real batches; false when the last epoch ended first. */
    private boolean stageRealBatches() {
        for (INDArray batch : realBatches) {
            while (!batches.fill(batch)) {
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

    private double runPhase(PhaseGraph phase, Map<String, INDArray> feed) {
        double loss;
        try {
            loss = phase.step(feed, epoch);
        } catch (RuntimeException e) {
            throw new GanTrainingException("step " + (step + 1) + ": the " + phase.network() + " update failed: "
                    + e.getMessage(), e);
        }
        if (!Double.isFinite(loss)) {
            throw new GanTrainingException("step " + (step + 1) + ": the " + phase.network() + " loss ("
                    + config.loss + ") is " + loss);
        }
        return loss;
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
    public GeneratorSampler generator() {
        return sampler;
    }
}
