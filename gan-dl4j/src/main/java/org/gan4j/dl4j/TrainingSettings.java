package org.gan4j.dl4j;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.gan4j.TrainingListener;

/**
 * The settings every trainer shares, whatever the model family: batch size, length (steps or epochs), seed,
 * checkpoints, rollback on divergence, weight averaging and listeners. Built by {@link TrainerBuilder}; immutable.
 *
 * @since 0.1.0
 */
public final class TrainingSettings {
    /**
     * Where and how often checkpoints are written.
     *
     * @param directory the checkpoint directory
     * @param every     steps between checkpoints, &gt;= 1
     * @param keepLast  checkpoints kept, &gt;= 1
     */
    public record Checkpoints(Path directory, int every, int keepLast) {
    }

    /**
     * Rollback on divergence.
     *
     * @param factor       learning-rate factor per rollback, in (0, 1)
     * @param maxRollbacks rollbacks allowed in one fit, &gt;= 1
     */
    public record Rollback(double factor, int maxRollbacks) {
    }

    /**
     * An exponential moving average of the generating networks' weights.
     *
     * @param decay β, in [0, 1)
     * @param start the first step averaged, &gt;= 0
     */
    public record Ema(double decay, long start) {
    }

    private final int batchSize;
    private final long steps;
    private final int epochs;
    private final long seed;
    private final ImmutableList<TrainingListener> listeners;
    private final Checkpoints checkpoints;
    private final Rollback rollback;
    private final Ema ema;
    private final Execution execution;
    private final Duration timeLimit;

    TrainingSettings(int batchSize, long steps, int epochs, long seed, List<TrainingListener> listeners,
                     Checkpoints checkpoints, Rollback rollback, Ema ema, Execution execution, Duration timeLimit) {
        this.batchSize = batchSize;
        this.steps = steps;
        this.epochs = epochs;
        this.seed = seed;
        this.listeners = ImmutableList.copyOf(listeners);
        this.checkpoints = checkpoints;
        this.rollback = rollback;
        this.ema = ema;
        this.execution = execution;
        this.timeLimit = timeLimit;
    }

    /** @return the wall-clock budget of one fit or resume, if training may stop before its steps or epochs end */
    public Optional<Duration> timeLimit() {
        return Optional.ofNullable(timeLimit);
    }

    /** @return how training graphs are built and run */
    public Execution execution() {
        return execution;
    }

    /** @return samples per batch (per domain for a CycleGAN) */
    public int batchSize() {
        return batchSize;
    }

    /** @return the number of steps, 0 when the run is measured in epochs */
    public long steps() {
        return steps;
    }

    /** @return the number of passes over the (first) data source, 0 when the run is measured in steps */
    public int epochs() {
        return epochs;
    }

    /** @return the seed every random stream of a run derives from */
    public long seed() {
        return seed;
    }

    /** @return the listeners, in the order added */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** @return the checkpoint schedule, if checkpoints are written */
    public Optional<Checkpoints> checkpoints() {
        return Optional.ofNullable(checkpoints);
    }

    /** @return the rollback policy, if divergence rolls back instead of stopping */
    public Optional<Rollback> rollback() {
        return Optional.ofNullable(rollback);
    }

    /** @return the weight average, if one is kept */
    public Optional<Ema> ema() {
        return Optional.ofNullable(ema);
    }

    /**
     * @param dataSize      the samples of the source whose passes count as epochs, if known
     * @param batchesPerStep batches of that source one step takes
     * @return the number of steps a run makes, -1 when it runs for epochs of a source of unknown size
     */
    long totalSteps(OptionalLong dataSize, int batchesPerStep) {
        if (steps > 0) {
            return steps;
        }
        if (dataSize.isEmpty()) {
            return -1;
        }
        return dataSize.getAsLong() / batchSize * epochs / batchesPerStep;
    }

    /** @return the settings that shape the result (not the length, listeners or checkpoint files), for checkpoints */
    String shaping() {
        return "batchSize=" + batchSize + ", seed=" + seed + (ema == null ? "" : ", ema=" + ema.decay() + "@" + ema.start());
    }

    /** @return the settings by name: batchSize, epochs or steps, seed, and ema and timeLimit when set */
    java.util.Map<String, String> entries() {
        java.util.Map<String, String> e = new java.util.LinkedHashMap<>();
        e.put("batchSize", String.valueOf(batchSize));
        e.put(epochs > 0 ? "epochs" : "steps", String.valueOf(epochs > 0 ? epochs : steps));
        e.put("seed", String.valueOf(seed));
        if (ema != null) {
            e.put("ema", ema.decay() + "@" + ema.start());
        }
        if (timeLimit != null) {
            e.put("timeLimit", String.valueOf(timeLimit));
        }
        return e;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        entries().forEach((name, value) -> s.append(s.length() == 0 ? "" : ", ").append(name).append('=').append(value));
        return s.toString();
    }
}
