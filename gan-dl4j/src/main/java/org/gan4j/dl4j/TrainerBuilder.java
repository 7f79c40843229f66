package org.gan4j.dl4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.gan4j.TrainingListener;

/**
 * The setters every trainer's builder shares (batch size, steps or epochs, seed, checkpoints, rollback, EMA,
 * listeners), each checking its argument at once; a family's builder adds its networks and data and calls
 * {@link #settings(List)} from its {@code build()}.
 *
 * @param <B> the concrete builder, returned by every setter
 *
 * @since 0.1.0
 */
public abstract class TrainerBuilder<B extends TrainerBuilder<B>> {
    private final String trainer;
    private int batchSize;
    private int epochs;
    private long steps;
    private long seed = 42;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private TrainingSettings.Checkpoints checkpoints;
    private TrainingSettings.Rollback rollback;
    private TrainingSettings.Ema ema;
    private Execution execution = Execution.fromSystemProperty();
    private Duration timeLimit;

    /**
     * @param trainer          the trainer's name, for messages
     * @param defaultBatchSize the family's default batch size
     */
    TrainerBuilder(String trainer, int defaultBatchSize) {
        this.trainer = trainer;
        this.batchSize = defaultBatchSize;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * @param batchSize samples per batch (per domain for a CycleGAN), &gt;= 1 (default 64; a CycleGAN's 1, the paper's)
     * @return this builder
     */
    public B batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
        }
        this.batchSize = batchSize;
        return self();
    }

    /**
     * Trains for whole passes over the data (over domain X for a CycleGAN; set this or {@link #steps(long)}).
     *
     * @param epochs the number of passes, &gt;= 1
     * @return this builder
     */
    public B epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1 but was " + epochs);
        }
        this.epochs = epochs;
        return self();
    }

    /**
     * Trains for a number of steps (a GAN step is one generator update; set this or {@link #epochs(int)}).
     *
     * @param steps the number of steps, &gt;= 1
     * @return this builder
     */
    public B steps(long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1 but was " + steps);
        }
        this.steps = steps;
        return self();
    }

    /**
     * @param seed the seed of weights, latent draws, shuffling, image pools and dropout (default 42)
     * @return this builder
     */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * @param listener a listener, called in the order added
     * @return this builder
     */
    public B listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener == null"));
        return self();
    }

    /**
     * Writes a checkpoint every {@code every} steps and after the last one, each atomically (a temporary file
     * renamed into place), as {@code checkpoint-<step>.zip} in {@code directory}, keeping the newest
     * {@code keepLast}. The trainer's {@code resume(Path)} continues from one; {@link Checkpoint#latest(Path)} finds
     * the newest.
     *
     * @param directory where checkpoints go (created when missing)
     * @param every     steps between checkpoints, &gt;= 1
     * @param keepLast  checkpoints kept, &gt;= 1
     * @return this builder
     */
    public B checkpoints(Path directory, int every, int keepLast) {
        Objects.requireNonNull(directory, "directory == null");
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1 but was " + every);
        }
        if (keepLast < 1) {
            throw new IllegalArgumentException("keepLast must be >= 1 but was " + keepLast);
        }
        this.checkpoints = new TrainingSettings.Checkpoints(directory, every, keepLast);
        return self();
    }

    /**
     * On a NaN or infinite loss or weight, rolls back to the newest checkpoint and continues with every learning
     * rate multiplied by {@code factor} (cumulatively), at most {@code maxRollbacks} times; without this, or when no
     * checkpoint exists yet, training stops with a {@link org.gan4j.GanTrainingException} naming the step, the
     * network and the loss. Needs {@link #checkpoints(Path, int, int)}.
     *
     * @param factor       the learning-rate factor per rollback, in (0, 1)
     * @param maxRollbacks rollbacks allowed in one fit, &gt;= 1
     * @return this builder
     */
    public B rollbackOnDivergence(double factor, int maxRollbacks) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1) but was " + factor);
        }
        if (maxRollbacks < 1) {
            throw new IllegalArgumentException("maxRollbacks must be >= 1 but was " + maxRollbacks);
        }
        this.rollback = new TrainingSettings.Rollback(factor, maxRollbacks);
        return self();
    }

    /**
     * Keeps an exponential moving average of the generating networks' weights (a GAN's generator, a CycleGAN's two
     * translators; Yazıcı et al., ICLR 2019): θ_ema ← β·θ_ema + (1 − β)·θ after every update from step
     * {@code start} on (a copy before). The trained model, listeners and metrics then use the averaged weights;
     * checkpoints hold them.
     *
     * @param decay β, in [0, 1); 0.999 is common
     * @param start the first step averaged, &gt;= 0
     * @return this builder
     */
    public B generatorEma(double decay, long start) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1) but was " + decay);
        }
        if (start < 0) {
            throw new IllegalArgumentException("start must be >= 0 but was " + start);
        }
        this.ema = new TrainingSettings.Ema(decay, start);
        return self();
    }

    /**
     * @param execution how training graphs are built and run (default: {@link Execution#fromSystemProperty()},
     *                  {@link Execution#COMPILED} unless {@value Execution#PROPERTY} says otherwise); a checkpoint
     *                  resumes under the strategy that wrote it
     * @return this builder
     */
    public B execution(Execution execution) {
        this.execution = Objects.requireNonNull(execution, "execution == null");
        return self();
    }

    /**
     * Ends training at the end of the first step that finishes after {@code limit} of wall-clock time (from the start
     * of {@code fit()} or {@code resume()}), even before the steps or epochs are done; listeners' {@code onFitEnd}
     * and the result then see the steps made. Learning-rate schedules still span the full steps or epochs. For
     * comparing models at equal compute, or for jobs with a deadline.
     *
     * @param limit the budget, &gt; 0 and at most 10,000 days
     * @return this builder
     */
    public B timeLimit(Duration limit) {
        Objects.requireNonNull(limit, "timeLimit == null");
        if (limit.isNegative() || limit.isZero() || limit.compareTo(Duration.ofDays(10_000)) > 0) {
            throw new IllegalArgumentException("timeLimit must be > 0 and at most 10000 days but was " + limit);
        }
        this.timeLimit = limit;
        return self();
    }

    /**
     * Checks the shared settings together with the family's missing ones and builds them.
     *
     * @param missing the family's required settings that are unset
     * @return the settings
     * @throws IllegalStateException listing every missing setting, or when both epochs and steps are set, or when
     *                               rollback has no checkpoints to roll back to
     */
    final TrainingSettings settings(List<String> missing) {
        List<String> all = new ArrayList<>(missing);
        if (epochs == 0 && steps == 0) {
            all.add("epochs or steps");
        }
        if (!all.isEmpty()) {
            throw new IllegalStateException(trainer + " is missing required settings: " + String.join(", ", all));
        }
        if (epochs > 0 && steps > 0) {
            throw new IllegalStateException("set epochs or steps, not both (epochs=" + epochs + ", steps=" + steps + ")");
        }
        if (rollback != null && checkpoints == null) {
            throw new IllegalStateException("rollbackOnDivergence needs checkpoints(directory, every, keepLast) to roll back to");
        }
        return new TrainingSettings(batchSize, steps, epochs, seed, listeners, checkpoints, rollback, ema, execution,
                timeLimit);
    }

    /**
     * @param what the data source's name in messages
     * @param size its size, if known
     * @throws IllegalArgumentException when the batch is larger than the source
     */
    final void requireFullBatch(String what, OptionalLong size) {
        if (size.isPresent() && size.getAsLong() < batchSize) {
            throw new IllegalArgumentException("batchSize " + batchSize + " exceeds the " + size.getAsLong() + " samples of "
                    + what);
        }
    }
}
