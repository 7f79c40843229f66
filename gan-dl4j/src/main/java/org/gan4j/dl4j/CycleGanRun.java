package org.gan4j.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.CycleGanListener;
import org.gan4j.CycleGanStepResult;
import org.gan4j.CycleGanView;
import org.gan4j.GanTrainingException;
import org.gan4j.LossHistory;
import org.gan4j.MetricPoint;
import org.gan4j.StepResult;
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
    private boolean reclaimerChosen;
    private OffHeapReclaimer reclaimer = OffHeapReclaimer.forSameDiffSteps();
    private final CycleGanGraphs.Networks networks;
    private long done;
    private int epochX;

    CycleGanRun(CycleGanTrainer config) {
        this.config = config;
        Nd4j.getRandom().setSeed(config.seed);
        Random init = Nd4j.getRandomFactory().getNewRandomInstance(config.seed ^ 0x9E3779B97F4A7C15L);
        networks = new CycleGanGraphs.Networks(config.xToY, config.yToX, config.discriminatorX,
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
        return run(null);
    }

    /**
     * @param resumeFrom a checkpoint to continue from, or null for a fresh run
     */
    TrainedCycleGan run(Checkpoint resumeFrom) {
        checkOutput(xToY, config.xToY);
        checkOutput(yToX, config.yToX);
        if (resumeFrom != null) {
            restore(resumeFrom);
        }
        while (done < config.steps) {
            long start = System.nanoTime();
            epochX += fill(batchesX, step.x());
            fill(batchesY, step.y());
            double g = runPhase(step.generatorPhase(), () -> step.trainGenerators(epochX));
            double d = runPhase(step.discriminatorPhase(), () -> step.trainDiscriminators(epochX));
            if (!reclaimerChosen) {
                reclaimerChosen = true;
                if (step.generatorPhase().compiled() && step.discriminatorPhase().compiled()) {
                    reclaimer = OffHeapReclaimer.forCompiledSteps();
                }
            }
            reclaimer.afterStep(System.nanoTime() - start);
            done++;
            CycleGanStep.Losses l = step.losses(g, d);
            CycleGanStepResult result = new CycleGanStepResult(done, l.generator(), l.discriminator(), l.adversarialXY(),
                    l.adversarialYX(), l.cycleX(), l.cycleY(), l.identity(), l.discriminatorX(), l.discriminatorY());
            history.add(result);
            for (CycleGanListener listener : config.listeners) {
                listener.onStepEnd(this, result);
            }
            if (config.checkpointDirectory != null && (done % config.checkpointEvery == 0 || done == config.steps)) {
                CheckpointFiles.write(config.checkpointDirectory, done, checkpointBytes(), config.checkpointsKept);
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

    /** Metric names under which a checkpoint's history holds each step's terms. */
    private static final String[] TERMS = {"adversarial_xy", "adversarial_yx", "cycle_x", "cycle_y", "identity",
        "discriminator_x", "discriminator_y"};

    /** @return the whole training state as a checkpoint archive */
    private byte[] checkpointBytes() {
        Checkpoint.Writer w = new Checkpoint.Writer(done, epochX, config.configuration());
        w.longs("random_global", Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState())
                .longs("data_position_x", batchesX.position()).longs("data_position_y", batchesY.position())
                .longs("pool_x", step.poolX().position()).longs("pool_y", step.poolY().position());
        w.manifest().put("generator_updates", step.generatorPhase().updater().iteration());
        w.manifest().put("discriminator_updates", step.discriminatorPhase().updater().iteration());
        checkpointArrays().forEach(w::arrays);
        if (config.imagePool > 0) {
            w.arrays("pools", Map.of("x", step.poolX().images(), "y", step.poolY().images()));
        }
        List<StepResult> steps = new ArrayList<>();
        List<MetricPoint> terms = new ArrayList<>();
        for (CycleGanStepResult r : history) {
            steps.add(new StepResult(r.step(), 0, r.discriminatorLoss(), r.generatorLoss()));
            double[] values = {r.adversarialXY(), r.adversarialYX(), r.cycleX(), r.cycleY(), r.identity(),
                r.discriminatorX(), r.discriminatorY()};
            for (int i = 0; i < TERMS.length; i++) {
                terms.add(new MetricPoint(r.step(), TERMS[i], values[i]));
            }
        }
        return w.history(new LossHistory(steps, terms)).toBytes();
    }

    /** @return every array a checkpoint holds, by archive group: the live arrays, restored in place */
    private Map<String, Map<String, INDArray>> checkpointArrays() {
        Map<String, Map<String, INDArray>> groups = new LinkedHashMap<>();
        for (ParameterStore store : List.of(networks.gStore(), networks.fStore(), networks.dxStore(), networks.dyStore())) {
            groups.put(store.network() + "/params", store.parameters());
            groups.put(store.network() + "/state", store.state());
        }
        groups.put("generators/optimizer", step.generatorPhase().updater().states());
        groups.put("discriminators/optimizer", step.discriminatorPhase().updater().states());
        return groups;
    }

    /** Checks the checkpoint against this run completely, then overwrites the run's state with it. */
    private void restore(Checkpoint c) {
        if (!c.configuration().equals(config.configuration())) {
            throw new IllegalArgumentException("checkpoint was written by another configuration:\n  checkpoint: "
                    + c.configuration() + "\n  trainer:    " + config.configuration());
        }
        if (c.step() > config.steps) {
            throw new IllegalArgumentException("checkpoint is at step " + c.step() + ", beyond this trainer's " + config.steps
                    + " steps");
        }
        c.restoreInto(checkpointArrays());
        com.fasterxml.jackson.databind.JsonNode m = c.manifest();
        long[] global = c.longs("random_global");
        Nd4j.getRandom().setStates(global[0], global[1]);
        batchesX.restorePosition(c.longs("data_position_x"));
        batchesY.restorePosition(c.longs("data_position_y"));
        if (config.imagePool > 0) {
            step.poolX().restore(c.longs("pool_x"), c.arrays("pools").get("x"));
            step.poolY().restore(c.longs("pool_y"), c.arrays("pools").get("y"));
        }
        step.generatorPhase().updater().restoreIteration(m.get("generator_updates").asInt());
        step.discriminatorPhase().updater().restoreIteration(m.get("discriminator_updates").asInt());
        history.clear();
        LossHistory saved = c.history();
        for (StepResult r : saved.steps()) {
            double[] values = new double[TERMS.length];
            for (int i = 0; i < TERMS.length; i++) {
                values[i] = saved.metrics().get((int) (r.step() - 1) * TERMS.length + i).value();
            }
            history.add(new CycleGanStepResult(r.step(), r.generatorLoss(), r.discriminatorLoss(), values[0], values[1],
                    values[2], values[3], values[4], values[5], values[6]));
        }
        done = c.step();
        epochX = c.epoch();
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
        return java.util.Collections.unmodifiableList(history);
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
