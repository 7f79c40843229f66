package org.gan4j.dl4j;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gan4j.Discriminator;
import org.gan4j.augment.AdaptiveAugmentation;
import org.gan4j.augment.DiffAugment;
import org.gan4j.Generator;
import org.gan4j.data.GanDataSource;
import org.gan4j.dl4j.internal.graph.NetworkCompiler;
import org.gan4j.loss.DiscriminatorPenalty;
import org.gan4j.loss.GanLoss;
import org.gan4j.loss.TrainingRecipe;
import org.gan4j.loss.WeightConstraint;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.optim.OptimizerSpec;

/**
 * Trains a generator against a discriminator with alternating updates: each step makes k discriminator updates,
 * each on a fresh real batch, then one generator update. With k &gt; 1 every update draws its own latent batch; with
 * k = 1 under compiled execution one generated batch serves both updates (the generator update then runs on the
 * updated discriminator), as TF-GAN and the PyTorch DCGAN example do. Each network has its own optimizer and
 * optimizer state; the settings every trainer shares are {@link TrainerBuilder}'s. Graphs are compiled once per {@link #fit()}; nothing is
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
 *
 * @since 0.1.0
 */
public final class GanTrainer {
    /** Default optimizer of the generators and discriminators of every trainer: Adam(2e-4, β1 = 0.5, β2 = 0.999). */
    public static final OptimizerSpec DEFAULT_OPTIMIZER = OptimizerSpec.adam(2e-4, 0.5, 0.999);

    final Generator generator;
    final Discriminator discriminator;
    final GanDataSource data;
    final GanLoss loss;
    final OptimizerSpec generatorOptimizer;
    final OptimizerSpec discriminatorOptimizer;
    final int discriminatorSteps;
    final ImmutableList<DiscriminatorPenalty> penalties;
    final ImmutableList<WeightConstraint> constraints;
    final DiffAugment augment;
    final AdaptiveAugmentation adaptiveAugmentation;
    final TrainingSettings settings;

    private GanTrainer(Builder b, TrainingSettings settings) {
        TrainingRecipe recipe = b.useRecipe ? b.loss().recipe() : TrainingRecipe.none();
        this.generator = b.generator;
        this.discriminator = b.discriminator;
        this.data = b.data;
        this.loss = b.loss();
        this.generatorOptimizer = b.generatorOptimizerOr(recipe.generatorOptimizer().orElse(DEFAULT_OPTIMIZER));
        this.discriminatorOptimizer = b.discriminatorOptimizerOr(recipe.discriminatorOptimizer().orElse(DEFAULT_OPTIMIZER));
        this.discriminatorSteps = b.discriminatorSteps > 0 ? b.discriminatorSteps : recipe.discriminatorSteps().orElse(1);
        this.penalties = ImmutableList.<DiscriminatorPenalty>builder().addAll(recipe.penalties()).addAll(b.penalties).build();
        this.constraints = ImmutableList.<WeightConstraint>builder().addAll(recipe.constraints()).addAll(b.constraints).build();
        this.augment = b.augment;
        this.adaptiveAugmentation = b.adaptive;
        this.settings = settings;
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
        return run(null);
    }

    /**
     * Continues a run from a checkpoint to this trainer's total step count: the weights, optimizer states, counters,
     * random generator states, data position and history are those of the checkpoint, so the result is the one an
     * uninterrupted run would have given (same machine, same thread count). The checkpoint is read and checked
     * completely before anything is loaded.
     *
     * @param checkpoint a checkpoint archive written by a trainer of the same configuration
     * @return the trained GAN
     * @throws IllegalArgumentException if the archive is unreadable, corrupted, of another format version, or was
     *                                  written by a differently configured trainer
     */
    public TrainedGan resume(Path checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint == null");
        return run(Checkpoint.read(checkpoint));
    }

    private TrainedGan run(Checkpoint from) {
        long totalSteps = settings.totalSteps(data.size(), discriminatorSteps);
        RunLoop<GanFamily.State, GanFamily> loop = new RunLoop<>(settings, totalSteps, GanFamily.STREAMS,
                setup -> new GanFamily(this, setup));
        return new TrainedGan(loop.family().sampler(), loop.run(from));
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

    /** @return the settings every trainer shares (batch size, length, seed, checkpoints, EMA, listeners) */
    public TrainingSettings settings() {
        return settings;
    }

    /** @return the batch size */
    public int batchSize() {
        return settings.batchSize();
    }

    /** @return the seed */
    public long seed() {
        return settings.seed();
    }

    @Override
    public String toString() {
        return "GanTrainer(loss=" + loss + ", g=" + generatorOptimizer + ", d=" + discriminatorOptimizer
                + ", discriminatorSteps=" + discriminatorSteps
                + (penalties.isEmpty() ? "" : ", penalties=" + penalties)
                + (constraints.isEmpty() ? "" : ", constraints=" + constraints) + ", " + settings + ")";
    }

    /**
     * Fluent builder of {@link GanTrainer}; each setter checks its argument, {@link #build()} checks the whole. The
     * settings every trainer shares are {@link TrainerBuilder}'s and {@link AdversarialTrainerBuilder}'s.
     */
    public static final class Builder extends AdversarialTrainerBuilder<Builder> {
        private Generator generator;
        private Discriminator discriminator;
        private GanDataSource data;
        private int discriminatorSteps;
        private boolean useRecipe = true;
        private final List<DiscriminatorPenalty> penalties = new ArrayList<>();
        private final List<WeightConstraint> constraints = new ArrayList<>();
        private DiffAugment augment;
        private AdaptiveAugmentation adaptive;

        private Builder() {
            super("GanTrainer", 64, new NonSaturatingLoss());
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
         * Shows the discriminator augmented images, real and generated alike, in both phases ({@link DiffAugment}):
         * for small data sets. The augmentation's parameters come from the run's seeded augmentation stream and are
         * restored on resume.
         *
         * @param policy the ops and their probability
         * @return this builder
         */
        public Builder augment(DiffAugment policy) {
            this.augment = Objects.requireNonNull(policy, "augment == null");
            return this;
        }

        /**
         * Controls the augmentation's probability from the discriminator's overfitting, ADA's way
         * ({@link AdaptiveAugmentation}; needs {@link #augment}, whose probability it then replaces). p and r_t are
         * the step terms {@code augment_p} and {@code augment_r} of the history; p is kept in checkpoints.
         *
         * @param controller the controller
         * @return this builder
         */
        public Builder adaptiveAugmentation(AdaptiveAugmentation controller) {
            this.adaptive = Objects.requireNonNull(controller, "adaptiveAugmentation == null");
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
            TrainingSettings settings = settings(missing);
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
            if (!penalties.isEmpty() || (useRecipe && !loss().recipe().penalties().isEmpty())) {
                try {
                    NetworkCompiler.forInference(discriminator.body(), discriminator.bodyInputShape(), discriminator.weightInit())
                            .requireInputGradient("discriminator");
                } catch (UnsupportedOperationException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
            if (adaptive != null && augment == null) {
                throw new IllegalStateException("adaptiveAugmentation(" + adaptive + ") needs augment(...): the policy whose"
                        + " probability it controls");
            }
            if (augment != null && discriminator.inputShape().rank() != 3) {
                throw new IllegalArgumentException("augment(" + augment + ") needs images [channels, height, width] but the"
                        + " discriminator takes " + discriminator.inputShape());
            }
            requireFullBatch("the data source", data.size());
            return new GanTrainer(this, settings);
        }
    }
}
