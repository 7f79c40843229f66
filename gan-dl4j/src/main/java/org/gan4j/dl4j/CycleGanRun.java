package org.gan4j.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gan4j.CycleGanListener;
import org.gan4j.CycleGanStepResult;
import org.gan4j.CycleGanView;
import org.gan4j.GanTrainingException;
import org.gan4j.Translator;
import org.gan4j.dl4j.internal.CycleGanGraphs;
import org.gan4j.dl4j.internal.CycleGanStep;
import org.gan4j.dl4j.internal.OffHeapReclaimer;
import org.gan4j.dl4j.internal.ParameterStore;
import org.gan4j.dl4j.internal.PhaseGraph;
import org.gan4j.dl4j.internal.RealBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One {@link CycleGanTrainer#fit()}: fresh weights and optimizer state, both phase graphs compiled once, then the
 * step loop over preallocated batches.
 */
final class CycleGanRun implements CycleGanView {
    private final CycleGanTrainer config;
    private final CycleGanStep step;
    private final RealBatches batchesX;
    private final RealBatches batchesY;
    private final TranslatorModel xToY;
    private final TranslatorModel yToX;
    private final List<CycleGanStepResult> history = new ArrayList<>();
    private final OffHeapReclaimer reclaimer = new OffHeapReclaimer();
    private long done;
    private int epochX;

    CycleGanRun(CycleGanTrainer config) {
        this.config = config;
        Nd4j.getRandom().setSeed(config.seed);
        Random init = Nd4j.getRandomFactory().getNewRandomInstance(config.seed ^ 0x9E3779B97F4A7C15L);
        CycleGanGraphs.Networks networks = new CycleGanGraphs.Networks(config.xToY, config.yToX, config.discriminatorX,
                config.discriminatorY, new ParameterStore("G", init), new ParameterStore("F", init),
                new ParameterStore("DX", init), new ParameterStore("DY", init));
        CycleGanGraphs graphs = CycleGanGraphs.build(networks, config.loss, config.cycleWeight, config.identityWeight,
                config.batchSize, DataType.FLOAT);
        step = new CycleGanStep(graphs, networks, config.generatorOptimizer, config.discriminatorOptimizer,
                config.steps, config.batchSize, config.imagePool, config.seed + 5);
        batchesX = new RealBatches(config.dataX, config.batchSize, config.seed + 2);
        batchesY = new RealBatches(config.dataY, config.batchSize, config.seed + 3);
        xToY = translator(config.xToY, networks.gStore());
        yToX = translator(config.yToX, networks.fStore());
    }

    private static TranslatorModel translator(Translator spec, ParameterStore store) {
        return new TranslatorModel(CycleGanGraphs.inference(spec, store, TranslatorModel.INPUT, TranslatorModel.OUTPUT),
                spec.inputShape(), spec.outputShape());
    }

    TrainedCycleGan run() {
        checkOutput(xToY, config.xToY);
        checkOutput(yToX, config.yToX);
        while (done < config.steps) {
            long start = System.nanoTime();
            epochX += fill(batchesX, step.x());
            fill(batchesY, step.y());
            double g = runPhase(step.generatorPhase(), () -> step.trainGenerators(epochX));
            double d = runPhase(step.discriminatorPhase(), () -> step.trainDiscriminators(epochX));
            reclaimer.afterStep(System.nanoTime() - start);
            done++;
            CycleGanStep.Losses l = step.losses(g, d);
            CycleGanStepResult result = new CycleGanStepResult(done, l.generator(), l.discriminator(), l.adversarialXY(),
                    l.adversarialYX(), l.cycleX(), l.cycleY(), l.identity(), l.discriminatorX(), l.discriminatorY());
            history.add(result);
            for (CycleGanListener listener : config.listeners) {
                listener.onStepEnd(this, result);
            }
        }
        for (CycleGanListener listener : config.listeners) {
            listener.onFitEnd(this);
        }
        return new TrainedCycleGan(xToY, yToX, history);
    }

    /** Fills the next batch, starting new passes as needed; returns the number of passes that ended. */
    private static int fill(RealBatches batches, INDArray target) {
        int ended = 0;
        while (!batches.fill(target, null)) {
            ended++;
        }
        return ended;
    }

    private double runPhase(PhaseGraph phase, java.util.function.DoubleSupplier body) {
        double loss;
        try {
            loss = body.getAsDouble();
        } catch (RuntimeException e) {
            throw new GanTrainingException("step " + (done + 1) + ": the " + phase.network() + " update failed: "
                    + e.getMessage(), e);
        }
        if (!Double.isFinite(loss)) {
            throw new GanTrainingException("step " + (done + 1) + ": the " + phase.network() + " loss (" + config.loss
                    + ", cycle weight " + config.cycleWeight + ") is " + loss);
        }
        String broken = phase.updater().firstNonFiniteParameter();
        if (broken != null) {
            throw new GanTrainingException("step " + (done + 1) + ": the " + phase.network() + " weight " + broken
                    + " holds NaN or infinite values after the update (loss was " + loss + ")");
        }
        return loss;
    }

    private void checkOutput(TranslatorModel model, Translator spec) {
        INDArray probe = model.translate(Nd4j.zeros(DataType.FLOAT, spec.inputShape().withBatch(1)));
        long[] expected = spec.outputShape().withBatch(1);
        if (!Arrays.equals(probe.shape(), expected)) {
            throw new GanTrainingException("translator " + spec + " produces images of shape "
                    + Arrays.toString(probe.shape()) + " but declares " + Arrays.toString(expected));
        }
    }

    @Override
    public long step() {
        return done;
    }

    @Override
    public long totalSteps() {
        return config.steps;
    }

    @Override
    public List<CycleGanStepResult> history() {
        return List.copyOf(history);
    }

    @Override
    public TranslatorModel xToY() {
        return xToY;
    }

    @Override
    public TranslatorModel yToX() {
        return yToX;
    }
}
