package org.gan4j.dl4j;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.TrainingListener;
import org.gan4j.data.GanDataSource;
import org.gan4j.dl4j.internal.NetworkCompiler;
import org.gan4j.loss.DiscriminatorPenalty;
import org.gan4j.loss.GanLoss;
import org.gan4j.loss.TrainingRecipe;
import org.gan4j.loss.WeightConstraint;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.optim.OptimizerSpec;

/**
 * Trains a generator against a discriminator with alternating updates: each step makes k discriminator updates
 * (each on a fresh real batch and a fresh latent batch), then one generator update on a fresh latent batch.
 * Each network has its own optimizer and optimizer state. Graphs are compiled once per {@link #fit()}; nothing is
 * rebuilt per step.
 *
 * <pre>{@code
 * TrainedGan gan = GanTrainer.builder()
 *     .generator(g).discriminator(d)
 *     .data(FashionMnist.bundledImages().toDataSource())
 *     .batchSize(64).steps(500).seed(7)
 *     .build()
 *     .fit();
 * INDArray images = gan.sample(16);
 * }</pre>
 *
 * A trainer is immutable and reusable: every {@code fit()} starts from fresh weights and optimizer state drawn from
 * the seed, so two fits of one trainer give the same result (same machine and thread count).
 */
public final class GanTrainer {
    /** Default optimizer of both networks: Adam(2e-4, β1 = 0.5, β2 = 0.999), the DCGAN paper's. */
    public static final OptimizerSpec DEFAULT_OPTIMIZER = OptimizerSpec.adam(2e-4, 0.5, 0.999);

    final Generator generator;
    final Discriminator discriminator;
    final GanDataSource data;
    final GanLoss loss;
    final OptimizerSpec generatorOptimizer;
    final OptimizerSpec discriminatorOptimizer;
    final int discriminatorSteps;
    final int batchSize;
    final int epochs;
    final long steps;
    final long seed;
    final ImmutableList<TrainingListener> listeners;
    final ImmutableList<DiscriminatorPenalty> penalties;
    final ImmutableList<WeightConstraint> constraints;
    final Path checkpointDirectory;
    final int checkpointEvery;
    final int checkpointsKept;
    final double emaDecay;
    final double rollbackFactor;
    final int maxRollbacks;
    final long emaStart;

    private GanTrainer(Builder b) {
        TrainingRecipe recipe = b.useRecipe ? b.loss.recipe() : TrainingRecipe.none();
        this.generator = b.generator;
        this.discriminator = b.discriminator;
        this.data = b.data;
        this.loss = b.loss;
        this.generatorOptimizer = b.generatorOptimizer != null ? b.generatorOptimizer
                : recipe.generatorOptimizer().orElse(DEFAULT_OPTIMIZER);
        this.discriminatorOptimizer = b.discriminatorOptimizer != null ? b.discriminatorOptimizer
                : recipe.discriminatorOptimizer().orElse(DEFAULT_OPTIMIZER);
        this.discriminatorSteps = b.discriminatorSteps > 0 ? b.discriminatorSteps : recipe.discriminatorSteps().orElse(1);
        this.penalties = ImmutableList.<DiscriminatorPenalty>builder().addAll(recipe.penalties()).addAll(b.penalties).build();
        this.constraints = ImmutableList.<WeightConstraint>builder().addAll(recipe.constraints()).addAll(b.constraints).build();
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.steps = b.steps;
        this.seed = b.seed;
        this.listeners = ImmutableList.copyOf(b.listeners);
        this.checkpointDirectory = b.checkpointDirectory;
        this.checkpointEvery = b.checkpointEvery;
        this.checkpointsKept = b.checkpointsKept;
        this.emaDecay = b.emaDecay;
        this.rollbackFactor = b.rollbackFactor;
        this.maxRollbacks = b.maxRollbacks;
        this.emaStart = b.emaStart;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains from fresh weights.
     *
     * @return the trained GAN
     * @throws org.gan4j.GanTrainingException if a step fails; the message names the step and the network
     */
    public TrainedGan fit() {
        return new TrainingRun(this).run();
    }

    /**
     * Continues a run from a checkpoint to this trainer's total step count ({@link Builder#steps(long)}): the
     * weights, optimizer states, counters, random generator states, data position and history are those of the
     * checkpoint, so the result is the one an uninterrupted run would have given (same machine, same thread count).
     * The checkpoint is read and checked completely before anything is loaded.
     *
     * @param checkpoint a checkpoint archive written by a trainer of the same configuration
     * @return the trained GAN
     * @throws IllegalArgumentException if the archive is unreadable, corrupted, of another format version, or was
     *                                  written by a differently configured trainer
     */
    public TrainedGan resume(Path checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint == null");
        Checkpoint c = Checkpoint.read(checkpoint);
        return new TrainingRun(this).run(c);
    }

    /** @return what a checkpoint must match: the settings that shape the training, without its length */
    String configuration() {
        return "loss=" + loss + ", g=" + generatorOptimizer + ", d=" + discriminatorOptimizer
                + ", discriminatorSteps=" + discriminatorSteps + ", batchSize=" + batchSize + ", penalties=" + penalties
                + ", constraints=" + constraints + ", seed=" + seed + ", generator=" + generator
                + ", discriminator=" + discriminator + (emaDecay >= 0 ? ", ema=" + emaDecay + "@" + emaStart : "");
    }

    /** @return the generator specification */
    public Generator generator() {
        return generator;
    }

    /** @return the discriminator specification */
    public Discriminator discriminator() {
        return discriminator;
    }

    /** @return the loss */
    public GanLoss loss() {
        return loss;
    }

    /** @return the generator's optimizer (set, from the loss's recipe, or the default) */
    public OptimizerSpec generatorOptimizer() {
        return generatorOptimizer;
    }

    /** @return the discriminator's optimizer (set, from the loss's recipe, or the default) */
    public OptimizerSpec discriminatorOptimizer() {
        return discriminatorOptimizer;
    }

    /** @return the penalties added to the discriminator's loss (the loss's recipe's, then those added) */
    public List<DiscriminatorPenalty> penalties() {
        return penalties;
    }

    /** @return the constraints applied after each discriminator update (the recipe's, then those added) */
    public List<WeightConstraint> constraints() {
        return constraints;
    }

    /** @return the discriminator updates per generator update */
    public int discriminatorSteps() {
        return discriminatorSteps;
    }

    /** @return the batch size */
    public int batchSize() {
        return batchSize;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "GanTrainer(loss=" + loss + ", g=" + generatorOptimizer + ", d=" + discriminatorOptimizer
                + ", discriminatorSteps=" + discriminatorSteps + ", batchSize=" + batchSize
                + (penalties.isEmpty() ? "" : ", penalties=" + penalties)
                + (constraints.isEmpty() ? "" : ", constraints=" + constraints)
                + (epochs > 0 ? ", epochs=" + epochs : ", steps=" + steps) + ", seed=" + seed + ")";
    }

    /** Fluent builder of {@link GanTrainer}; each setter checks its argument, {@link #build()} checks the whole. */
    public static final class Builder {
        private Generator generator;
        private Discriminator discriminator;
        private GanDataSource data;
        private GanLoss loss = new NonSaturatingLoss();
        private OptimizerSpec generatorOptimizer;
        private OptimizerSpec discriminatorOptimizer;
        private int discriminatorSteps;
        private boolean useRecipe = true;
        private final List<DiscriminatorPenalty> penalties = new ArrayList<>();
        private final List<WeightConstraint> constraints = new ArrayList<>();
        private int batchSize = 64;
        private int epochs;
        private long steps;
        private long seed = 42;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Path checkpointDirectory;
        private int checkpointEvery;
        private int checkpointsKept;
        private double emaDecay = -1;
        private double rollbackFactor = -1;
        private int maxRollbacks;
        private long emaStart;

        private Builder() {
        }

        /**
         * On a NaN or infinite loss or weight, rolls back to the newest checkpoint and continues with both learning
         * rates multiplied by {@code factor} (cumulatively), at most {@code maxRollbacks} times; without this, or
         * when no checkpoint exists yet, training stops with a {@link org.gan4j.GanTrainingException} naming the
         * step, the network and the loss. Needs {@link #checkpoints(Path, int, int)}.
         *
         * @param factor       the learning-rate factor per rollback, in (0, 1)
         * @param maxRollbacks rollbacks allowed in one fit, &gt;= 1
         * @return this builder
         */
        public Builder rollbackOnDivergence(double factor, int maxRollbacks) {
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("factor must be in (0, 1) but was " + factor);
            }
            if (maxRollbacks < 1) {
                throw new IllegalArgumentException("maxRollbacks must be >= 1 but was " + maxRollbacks);
            }
            this.rollbackFactor = factor;
            this.maxRollbacks = maxRollbacks;
            return this;
        }

        /**
         * Keeps an exponential moving average of the generator's weights (Yazıcı et al., ICLR 2019):
         * θ_ema ← β·θ_ema + (1 − β)·θ after every generator update from step {@code start} on (a copy before). The
         * trained GAN, listeners ({@code TrainingView.generator()}) and metrics then sample with the averaged
         * weights; checkpoints hold them.
         *
         * @param decay β, in [0, 1); 0.999 is common
         * @param start the first step averaged, &gt;= 0
         * @return this builder
         */
        public Builder generatorEma(double decay, long start) {
            if (!(decay >= 0 && decay < 1)) {
                throw new IllegalArgumentException("decay must be in [0, 1) but was " + decay);
            }
            if (start < 0) {
                throw new IllegalArgumentException("start must be >= 0 but was " + start);
            }
            this.emaDecay = decay;
            this.emaStart = start;
            return this;
        }

        /**
         * Writes a checkpoint every {@code every} steps and after the last one, each atomically (a temporary file
         * renamed into place), as {@code checkpoint-<step>.zip} in {@code directory}, keeping the newest
         * {@code keepLast}. {@link GanTrainer#resume(Path)} continues from one; {@link Checkpoint#latest(Path)} finds
         * the newest.
         *
         * @param directory where checkpoints go (created when missing)
         * @param every     steps between checkpoints, &gt;= 1
         * @param keepLast  checkpoints kept, &gt;= 1
         * @return this builder
         */
        public Builder checkpoints(Path directory, int every, int keepLast) {
            CheckpointFiles.checkSchedule(directory, every, keepLast);
            this.checkpointDirectory = directory;
            this.checkpointEvery = every;
            this.checkpointsKept = keepLast;
            return this;
        }

        /**
         * @param generator the generator (required)
         * @return this builder
         */
        public Builder generator(Generator generator) {
            this.generator = Objects.requireNonNull(generator, "generator == null");
            return this;
        }

        /**
         * @param discriminator the discriminator (required)
         * @return this builder
         */
        public Builder discriminator(Discriminator discriminator) {
            this.discriminator = Objects.requireNonNull(discriminator, "discriminator == null");
            return this;
        }

        /**
         * @param data the real samples (required)
         * @return this builder
         */
        public Builder data(GanDataSource data) {
            this.data = Objects.requireNonNull(data, "data == null");
            return this;
        }

        /**
         * Sets the loss. Settings of its {@link GanLoss#recipe() recipe} (critic steps, optimizers, penalties,
         * constraints) apply wherever this builder leaves them unset.
         *
         * @param loss the loss (default: {@link NonSaturatingLoss})
         * @return this builder
         */
        public Builder loss(GanLoss loss) {
            this.loss = Objects.requireNonNull(loss, "loss == null");
            return this;
        }

        /**
         * Adds a penalty to the discriminator's loss, after those of the loss's recipe.
         *
         * @param penalty the penalty
         * @return this builder
         */
        public Builder penalty(DiscriminatorPenalty penalty) {
            penalties.add(Objects.requireNonNull(penalty, "penalty == null"));
            return this;
        }

        /**
         * Adds a constraint applied to the discriminator's weights after every discriminator update.
         *
         * @param constraint the constraint
         * @return this builder
         */
        public Builder constraint(WeightConstraint constraint) {
            constraints.add(Objects.requireNonNull(constraint, "constraint == null"));
            return this;
        }

        /**
         * Ignores the loss's recipe: unset settings take gan4j's defaults, and only penalties and constraints added
         * here apply.
         *
         * @return this builder
         */
        public Builder ignoreLossRecipe() {
            this.useRecipe = false;
            return this;
        }

        /**
         * @param optimizer the generator's optimizer (default: the loss's recipe, else {@link #DEFAULT_OPTIMIZER})
         * @return this builder
         */
        public Builder generatorOptimizer(OptimizerSpec optimizer) {
            this.generatorOptimizer = Objects.requireNonNull(optimizer, "generatorOptimizer == null");
            return this;
        }

        /**
         * @param optimizer the discriminator's optimizer (default: the loss's recipe, else {@link #DEFAULT_OPTIMIZER})
         * @return this builder
         */
        public Builder discriminatorOptimizer(OptimizerSpec optimizer) {
            this.discriminatorOptimizer = Objects.requireNonNull(optimizer, "discriminatorOptimizer == null");
            return this;
        }

        /**
         * @param k discriminator updates per generator update, &gt;= 1 (default: the loss's recipe, else 1)
         * @return this builder
         */
        public Builder discriminatorSteps(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("discriminatorSteps must be >= 1 but was " + k);
            }
            this.discriminatorSteps = k;
            return this;
        }

        /**
         * @param batchSize samples per batch, &gt;= 1 (default 64)
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Trains for whole passes over the data (set this or {@link #steps(long)}).
         *
         * @param epochs the number of passes, &gt;= 1
         * @return this builder
         */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1 but was " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * Trains for a number of steps (generator updates; set this or {@link #epochs(int)}).
         *
         * @param steps the number of steps, &gt;= 1
         * @return this builder
         */
        public Builder steps(long steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1 but was " + steps);
            }
            this.steps = steps;
            return this;
        }

        /**
         * @param seed the seed of weights, latent draws, shuffling and dropout (default 42)
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param listener a listener, called in the order added
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener == null"));
            return this;
        }

        /**
         * @return the trainer
         * @throws IllegalStateException    listing every missing setting, or when both epochs and steps are set
         * @throws IllegalArgumentException when shapes disagree or the batch is larger than the data
         */
        public GanTrainer build() {
            List<String> missing = new ArrayList<>();
            if (generator == null) {
                missing.add("generator");
            }
            if (discriminator == null) {
                missing.add("discriminator");
            }
            if (data == null) {
                missing.add("data");
            }
            if (epochs == 0 && steps == 0) {
                missing.add("epochs or steps");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("GanTrainer is missing required settings: " + String.join(", ", missing));
            }
            if (epochs > 0 && steps > 0) {
                throw new IllegalStateException("set epochs or steps, not both (epochs=" + epochs + ", steps=" + steps + ")");
            }
            if (rollbackFactor > 0 && checkpointDirectory == null) {
                throw new IllegalStateException("rollbackOnDivergence needs checkpoints(directory, every, keepLast) to roll back to");
            }
            if (!generator.outputShape().equals(discriminator.inputShape())) {
                throw new IllegalArgumentException("generator output shape " + generator.outputShape()
                        + " differs from discriminator input shape " + discriminator.inputShape());
            }
            if (discriminator.scoresPatches()) {
                throw new IllegalArgumentException("the discriminator scores patches " + discriminator.outputShape()
                        + " but GanTrainer needs one score per sample ([1]): patch discriminators are for CycleGanTrainer");
            }
            if (generator.classes() != discriminator.classes()) {
                throw new IllegalStateException("the generator is conditional on " + generator.classes()
                        + " classes but the discriminator on " + discriminator.classes() + " (0: unconditional)");
            }
            if (discriminator.classes() > 0 && data.classes() == 0) {
                throw new IllegalStateException("the networks are conditional on " + discriminator.classes()
                        + " classes but the data source " + data + " has no labels (InMemoryDataSource.withLabels)");
            }
            if (discriminator.classes() > 0 && data.classes() != discriminator.classes()) {
                throw new IllegalStateException("the networks are conditional on " + discriminator.classes()
                        + " classes but the data source's labels have " + data.classes());
            }
            if (!data.sampleShape().equals(discriminator.inputShape())) {
                throw new IllegalArgumentException("data sample shape " + data.sampleShape()
                        + " differs from discriminator input shape " + discriminator.inputShape());
            }
            if (!penalties.isEmpty() || (useRecipe && !loss.recipe().penalties().isEmpty())) {
                try {
                    new NetworkCompiler(discriminator.body(), discriminator.bodyInputShape(), discriminator.weightInit())
                            .requireInputGradient("discriminator");
                } catch (UnsupportedOperationException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
            OptionalLong size = data.size();
            if (size.isPresent() && size.getAsLong() < batchSize) {
                throw new IllegalArgumentException("batchSize " + batchSize + " exceeds the " + size.getAsLong()
                        + " samples of the data source");
            }
            return new GanTrainer(this);
        }
    }
}
