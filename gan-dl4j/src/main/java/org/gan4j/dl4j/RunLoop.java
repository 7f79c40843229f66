package org.gan4j.dl4j;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.gan4j.GanTrainingException;
import org.gan4j.GeneratorSampler;
import org.gan4j.ImagePreview;
import org.gan4j.LossHistory;
import org.gan4j.MetricPoint;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.dl4j.internal.data.RandomStream;
import org.gan4j.dl4j.internal.exec.OffHeapReclaimer;
import org.gan4j.dl4j.internal.exec.PhaseGraph;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.optim.EmaWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run core every trainer uses: one {@code fit()} or {@code resume()} of a {@link ModelFamily}. It owns the
 * random streams, the step loop (steps or epochs), the handling of failed and diverging phases with rollback to the
 * newest checkpoint, the checkpoint cadence and codec, exact resume, the EMA of the generating networks, listener
 * dispatch and the off-heap reclaimer; the family only fills batches and runs its phases.
 *
 * @param <S> the family's checkpoint state
 * @param <F> the family
 */
final class RunLoop<S, F extends ModelFamily<S>> implements TrainingView {
    private static final Logger LOG = LoggerFactory.getLogger(RunLoop.class);
    private static final String CORE_STATE = "core";
    private static final String FAMILY_STATE = "family";

    /**
     * What the core hands a family when it is built.
     *
     * @param totalSteps the steps of the run (-1 when unknown), for learning-rate schedules
     * @param seeds      the seed of each random stream the family declared
     * @param weights    the generator of initial weights
     */
    record Setup(long totalSteps, Map<RandomStream, Long> seeds, Random weights) {
        /**
         * @param stream a declared stream
         * @return its seed
         */
        long seed(RandomStream stream) {
            Long seed = seeds.get(stream);
            if (seed == null) {
                throw new IllegalStateException("random stream " + stream + " was not declared by the model family");
            }
            return seed;
        }
    }

    /**
     * The core's part of a checkpoint.
     *
     * @param globalRandom      ND4J's global generator state {root, node}
     * @param updates           the optimizer updates made, by phase
     * @param learningRateScale the learning-rate factor left by rollbacks
     */
    record CoreState(long[] globalRandom, Map<String, Integer> updates, double learningRateScale) {
    }

    private final TrainingSettings settings;
    private final F family;
    private final long totalSteps;
    private final List<EmaWeights> averages = new ArrayList<>();
    private final List<StepResult> history = new ArrayList<>();
    private final List<MetricPoint> metrics = new ArrayList<>();
    private final Map<String, String> familyConfiguration;
    private TrainingConfiguration configuration;
    private OffHeapReclaimer reclaimer = OffHeapReclaimer.forSameDiffSteps();
    private boolean reclaimerChosen;
    private long step;
    private int epoch;
    private int rollbacks;

    /**
     * Seeds the streams, builds the family and its averages, and compiles its inference models.
     *
     * @param settings   the shared settings
     * @param totalSteps the steps of the run, -1 when unknown
     * @param streams    the random streams the family draws from
     * @param factory    builds the family
     */
    RunLoop(TrainingSettings settings, long totalSteps, Set<RandomStream> streams, Function<Setup, F> factory) {
        this.settings = settings;
        this.totalSteps = totalSteps;
        Set<RandomStream> all = EnumSet.of(RandomStream.GRAPH_OPS, RandomStream.WEIGHTS);
        all.addAll(streams);
        Map<RandomStream, Long> seeds = RandomStream.seeds(settings.seed(), all);
        Nd4j.getRandom().setSeed(seeds.get(RandomStream.GRAPH_OPS));
        Random weights = Nd4j.getRandomFactory().getNewRandomInstance(seeds.get(RandomStream.WEIGHTS));
        family = factory.apply(new Setup(totalSteps, seeds, weights));
        Map<ParameterStore, ParameterStore> averageOf = new IdentityHashMap<>();
        settings.ema().ifPresent(ema -> family.averagedNetworks().forEach(network -> {
            EmaWeights average = new EmaWeights(network, ema.decay(), ema.start(), weights);
            averages.add(average);
            averageOf.put(network, average.average());
        }));
        family.buildInference(network -> averageOf.getOrDefault(network, network));
        familyConfiguration = family.configuration();
    }

    /** @return the family */
    F family() {
        return family;
    }

    /**
     * Trains to the end.
     *
     * @param resumeFrom a checkpoint to continue from, or null for a fresh run
     * @return the history
     */
    LossHistory run(Checkpoint resumeFrom) {
        long start = System.nanoTime();
        long budget = settings.timeLimit().map(java.time.Duration::toNanos).orElse(Long.MAX_VALUE);
        if (resumeFrom != null) {
            restore(resumeFrom);
        }
        while ((settings.steps() == 0 || step < settings.steps()) && System.nanoTime() - start < budget) {
            try {
                if (!trainOneStep()) {
                    break;
                }
            } catch (Divergence d) {
                rollBackOrStop(d);
            }
        }
        for (TrainingListener l : settings.listeners()) {
            l.onFitEnd(this);
        }
        return history();
    }

    private boolean trainOneStep() {
        long start = System.nanoTime();
        if (!family.stage(this::passEnded)) {
            return false;
        }
        StepResult result = family.step(this::runPhase, step + 1, epoch);
        for (EmaWeights average : averages) {
            average.update(step + 1);
        }
        if (!reclaimerChosen) {
            reclaimerChosen = true;
            if (family.phases().stream().allMatch(PhaseGraph::compiled)) {
                reclaimer = OffHeapReclaimer.forCompiledSteps();
            }
        }
        reclaimer.afterStep(System.nanoTime() - start);
        step++;
        history.add(result);
        for (TrainingListener l : settings.listeners()) {
            l.onStepEnd(this, result);
        }
        settings.checkpoints().ifPresent(c -> {
            if (step % c.every() == 0 || step == totalSteps) {
                try {
                    CheckpointFiles.write(c.directory(), step, checkpointBytes(), c.keepLast());
                } catch (java.io.UncheckedIOException e) {
                    LOG.warn("step {}: the checkpoint was not written ({}); training goes on, the newest checkpoint on disk"
                            + " is unchanged", step, e.getMessage());
                }
            }
        });
        return true;
    }

    private boolean passEnded() {
        int finished = epoch++;
        for (TrainingListener l : settings.listeners()) {
            l.onEpochEnd(this, finished);
        }
        return settings.epochs() == 0 || epoch < settings.epochs();
    }

    /** A non-finite loss or weight, before the core decides between rolling back and stopping. */
    private static final class Divergence extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Divergence(String message) {
            super(message);
        }
    }

    private double runPhase(PhaseGraph phase, DoubleSupplier body) {
        double loss;
        try {
            loss = body.getAsDouble();
        } catch (RuntimeException e) {
            throw new GanTrainingException("step " + (step + 1) + ": the " + phase.network() + " update failed: "
                    + e.getMessage(), e);
        }
        if (!Double.isFinite(loss)) {
            throw new Divergence("step " + (step + 1) + ": the " + phase.network() + " loss (" + family.lossDescription()
                    + ") is " + loss);
        }
        String broken = phase.updater().firstNonFiniteParameter();
        if (broken != null) {
            throw new Divergence("step " + (step + 1) + ": the " + phase.network() + " weight " + broken
                    + " holds NaN or infinite values after the update (loss " + family.lossDescription() + " was " + loss + ")");
        }
        return loss;
    }

    private void rollBackOrStop(Divergence d) {
        Optional<TrainingSettings.Rollback> rollback = settings.rollback();
        if (rollback.isEmpty()) {
            throw new GanTrainingException(d.getMessage(), d);
        }
        if (rollbacks >= rollback.get().maxRollbacks()) {
            throw new GanTrainingException(d.getMessage() + " (after " + rollbacks + " rollbacks, the most allowed)", d);
        }
        Optional<Path> latest = Checkpoint.latest(settings.checkpoints().orElseThrow().directory());
        if (latest.isEmpty()) {
            throw new GanTrainingException(d.getMessage() + " (no checkpoint to roll back to yet)", d);
        }
        long failedAt = step + 1;
        restore(Checkpoint.read(latest.get()));
        rollbacks++;
        double scale = learningRateScale() * rollback.get().factor();
        family.phases().forEach(p -> p.updater().setLearningRateScale(scale));
        LOG.warn("{}; rolled back from step {} to the checkpoint of step {} with learning rates × {} (rollback {} of {})",
                d.getMessage(), failedAt, step, scale, rollbacks, rollback.get().maxRollbacks());
    }

    private double learningRateScale() {
        return family.phases().get(0).updater().learningRateScale();
    }

    /** @return the configuration a checkpoint must match: the family's, the shared settings and the graphs' digest */
    TrainingConfiguration trainingConfiguration() {
        if (configuration == null) {
            Map<String, String> entries = new LinkedHashMap<>(familyConfiguration);
            entries.put("settings", settings.shaping());
            entries.put("graphs", graphDigest(family.phases()));
            configuration = new TrainingConfiguration(entries);
        }
        return configuration;
    }

    /** @return the whole training state as a checkpoint archive */
    private byte[] checkpointBytes() {
        Map<String, Integer> updates = new LinkedHashMap<>();
        family.phases().forEach(p -> updates.put(p.network(), p.updater().iteration()));
        Checkpoint.Writer w = new Checkpoint.Writer(step, epoch, trainingConfiguration())
                .record(CORE_STATE, new CoreState(new long[] {Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()},
                        updates, learningRateScale()))
                .record(FAMILY_STATE, family.state());
        checkpointArrays().forEach(w::arrays);
        return w.history(history()).toBytes();
    }

    /** @return every array a checkpoint holds, by archive group: the live arrays (restored in place) and the family's */
    private Map<String, Map<String, INDArray>> checkpointArrays() {
        Map<String, Map<String, INDArray>> groups = new LinkedHashMap<>();
        for (ParameterStore network : family.networks()) {
            groups.put(network.network() + "/params", network.parameters());
            groups.put(network.network() + "/state", network.state());
        }
        for (PhaseGraph phase : family.phases()) {
            groups.put(phase.network() + "/optimizer", phase.updater().states());
        }
        for (EmaWeights average : averages) {
            groups.put("EMA/" + average.average().network() + "/params", average.average().parameters());
            groups.put("EMA/" + average.average().network() + "/state", average.average().state());
        }
        groups.putAll(family.stateArrays());
        return groups;
    }

    /** Checks the checkpoint against this run completely, then overwrites the run's state with it. */
    private void restore(Checkpoint c) {
        List<String> differences = c.trainingConfiguration().differences(trainingConfiguration());
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("checkpoint was written by another configuration: "
                    + String.join("; ", differences) + " (checkpoint vs trainer)");
        }
        if (totalSteps >= 0 && c.step() > totalSteps) {
            throw new IllegalArgumentException("checkpoint is at step " + c.step() + ", beyond this trainer's " + totalSteps + " steps");
        }
        CoreState core = c.record(CORE_STATE, CoreState.class);
        S familyState = c.record(FAMILY_STATE, family.stateType());
        List<String> phases = family.phases().stream().map(PhaseGraph::network).toList();
        if (!core.updates().keySet().equals(new HashSet<>(phases))) {
            throw new IllegalArgumentException("checkpoint counts updates of phases " + core.updates().keySet()
                    + " but the trainer has " + phases);
        }
        c.restoreInto(checkpointArrays());
        Nd4j.getRandom().setStates(core.globalRandom()[0], core.globalRandom()[1]);
        for (PhaseGraph phase : family.phases()) {
            phase.updater().restoreIteration(core.updates().get(phase.network()));
            phase.updater().setLearningRateScale(core.learningRateScale());
        }
        family.restore(familyState, c::arrays);
        history.clear();
        history.addAll(c.history().steps());
        metrics.clear();
        metrics.addAll(c.history().metrics());
        step = c.step();
        epoch = c.epoch();
    }

    /** @return a digest of the training graphs' ops and trained variables, which tells two custom graphs apart */
    private static String graphDigest(List<PhaseGraph> phases) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (PhaseGraph phase : phases) {
                SameDiff graph = phase.graph();
                for (SameDiffOp op : graph.getOps().values()) {
                    digest.update((op.getName() + "=" + op.getOp().opName() + op.getInputsToOp() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                for (SDVariable v : graph.variables()) {
                    boolean held = v.getVariableType() == VariableType.VARIABLE || v.getVariableType() == VariableType.CONSTANT;
                    INDArray value = held ? v.getArr() : null;
                    digest.update((v.name() + ":" + v.getVariableType() + (value == null ? "" : Arrays.toString(value.shape()))
                            + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
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
    public Map<String, String> configuration() {
        Map<String, String> c = new LinkedHashMap<>(familyConfiguration);
        c.putAll(settings.entries());
        return java.util.Collections.unmodifiableMap(c);
    }

    @Override
    public Optional<ImagePreview> preview(int count, int columns, long seed) {
        return family.preview(count, columns, seed);
    }

    @Override
    public INDArray generate(int n) {
        return family.generate(n);
    }

    @Override
    public GeneratorSampler generator() {
        return family.generator().orElseGet(TrainingView.super::generator);
    }
}
