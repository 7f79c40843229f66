package org.gan4j.dl4j;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.gan4j.CycleGanListener;
import org.gan4j.Discriminator;
import org.gan4j.Shape;
import org.gan4j.Translator;
import org.gan4j.data.GanDataSource;
import org.gan4j.loss.GanLoss;
import org.gan4j.loss.TrainingRecipe;
import org.gan4j.losses.LeastSquaresLoss;
import org.gan4j.optim.OptimizerSpec;

/**
 * Trains a CycleGAN (Zhu, Park, Isola and Efros, "Unpaired Image-to-Image Translation using Cycle-Consistent
 * Adversarial Networks", ICCV 2017) on two unpaired image sources X and Y: translators G: X → Y and F: Y → X, and
 * discriminators D_X and D_Y (usually PatchGANs, one score per patch). Each step updates G and F together on
 * <pre>
 *   L = L_G(D_Y(G(x))) + L_G(D_X(F(y))) + λ·(mean|F(G(x)) − x| + mean|G(F(y)) − y|) + λ_id·(mean|G(y) − y| + mean|F(x) − x|)
 * </pre>
 * then D_X and D_Y on L_D(D_X(x), D_X(F(y))) + L_D(D_Y(y), D_Y(G(x))), shown that step's translations through a
 * history pool. Defaults are the paper's: least-squares loss ({@link LeastSquaresLoss#cycleGan()}), λ = 10, no
 * identity term (the paper uses λ_id = 0.5·λ for photo ↔ painting), pool of 50, Adam(2e-4, β1 = 0.5), batch 1.
 * Graphs are compiled once per {@link #fit()}; nothing is rebuilt per step.
 *
 * <pre>{@code
 * TrainedCycleGan gan = CycleGanTrainer.builder()
 *     .xToY(CycleGan.generator(image, 1, 16, 3)).yToX(CycleGan.generator(image, 1, 16, 3))
 *     .discriminatorX(CycleGan.patchDiscriminator(image, 32)).discriminatorY(CycleGan.patchDiscriminator(image, 32))
 *     .dataX(sneakers).dataY(boots)
 *     .batchSize(8).steps(1000)
 *     .build()
 *     .fit();
 * INDArray boots = gan.translateXToY(someSneakers);
 * }</pre>
 *
 * A trainer is immutable and reusable: every {@code fit()} starts from fresh weights drawn from the seed.
 */
public final class CycleGanTrainer {
    /** Default optimizer of all four networks: Adam(2e-4, β1 = 0.5, β2 = 0.999), the paper's. */
    public static final OptimizerSpec DEFAULT_OPTIMIZER = OptimizerSpec.adam(2e-4, 0.5, 0.999);

    final Translator xToY;
    final Translator yToX;
    final Discriminator discriminatorX;
    final Discriminator discriminatorY;
    final GanDataSource dataX;
    final GanDataSource dataY;
    final GanLoss loss;
    final double cycleWeight;
    final double identityWeight;
    final int imagePool;
    final OptimizerSpec generatorOptimizer;
    final OptimizerSpec discriminatorOptimizer;
    final int batchSize;
    final long steps;
    final long seed;
    final ImmutableList<CycleGanListener> listeners;
    final Path checkpointDirectory;
    final int checkpointEvery;
    final int checkpointsKept;

    private CycleGanTrainer(Builder b) {
        this.xToY = b.xToY;
        this.yToX = b.yToX;
        this.discriminatorX = b.discriminatorX;
        this.discriminatorY = b.discriminatorY;
        this.dataX = b.dataX;
        this.dataY = b.dataY;
        this.loss = b.loss;
        this.cycleWeight = b.cycleWeight;
        this.identityWeight = b.identityWeight;
        this.imagePool = b.imagePool;
        this.generatorOptimizer = b.generatorOptimizer;
        this.discriminatorOptimizer = b.discriminatorOptimizer;
        this.batchSize = b.batchSize;
        this.steps = b.steps;
        this.seed = b.seed;
        this.listeners = ImmutableList.copyOf(b.listeners);
        this.checkpointDirectory = b.checkpointDirectory;
        this.checkpointEvery = b.checkpointEvery;
        this.checkpointsKept = b.checkpointsKept;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains from fresh weights.
     *
     * @return both trained translators and the history
     * @throws org.gan4j.GanTrainingException if a step fails or diverges; the message names the step and the networks
     */
    public TrainedCycleGan fit() {
        return new CycleGanRun(this).run();
    }

    /**
     * Continues a run from a checkpoint to this trainer's step count: weights, optimizer states, image pools, data
     * positions, random generator states and history are the checkpoint's, so the result is the one an uninterrupted
     * run would have given (same machine, same thread count). The checkpoint is read and checked completely first.
     *
     * @param checkpoint a checkpoint archive written by a trainer of the same configuration
     * @return both trained translators and the history
     * @throws IllegalArgumentException if the archive is unreadable, corrupted, of another format version, or was
     *                                  written by a differently configured trainer
     */
    public TrainedCycleGan resume(Path checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint == null");
        Checkpoint c = Checkpoint.read(checkpoint);
        return new CycleGanRun(this).run(c);
    }

    /** @return what a checkpoint must match: the settings that shape the training, without its length */
    String configuration() {
        return "CycleGAN loss=" + loss + ", cycleWeight=" + cycleWeight + ", identityWeight=" + identityWeight
                + ", imagePool=" + imagePool + ", g=" + generatorOptimizer + ", d=" + discriminatorOptimizer
                + ", batchSize=" + batchSize + ", seed=" + seed + ", xToY=" + xToY + ", yToX=" + yToX
                + ", discriminatorX=" + discriminatorX + ", discriminatorY=" + discriminatorY;
    }

    /** @return the cycle-consistency weight λ */
    public double cycleWeight() {
        return cycleWeight;
    }

    /** @return the identity weight λ_id */
    public double identityWeight() {
        return identityWeight;
    }

    /** @return the adversarial loss */
    public GanLoss loss() {
        return loss;
    }

    @Override
    public String toString() {
        return "CycleGanTrainer(loss=" + loss + ", cycleWeight=" + cycleWeight + ", identityWeight=" + identityWeight
                + ", imagePool=" + imagePool + ", g=" + generatorOptimizer + ", d=" + discriminatorOptimizer
                + ", batchSize=" + batchSize + ", steps=" + steps + ", seed=" + seed + ")";
    }

    /** Fluent builder of {@link CycleGanTrainer}; each setter checks its argument, {@link #build()} checks the whole. */
    public static final class Builder {
        private Translator xToY;
        private Translator yToX;
        private Discriminator discriminatorX;
        private Discriminator discriminatorY;
        private GanDataSource dataX;
        private GanDataSource dataY;
        private GanLoss loss = LeastSquaresLoss.cycleGan();
        private double cycleWeight = 10;
        private double identityWeight;
        private int imagePool = 50;
        private OptimizerSpec generatorOptimizer = DEFAULT_OPTIMIZER;
        private OptimizerSpec discriminatorOptimizer = DEFAULT_OPTIMIZER;
        private int batchSize = 1;
        private long steps;
        private long seed = 42;
        private final List<CycleGanListener> listeners = new ArrayList<>();
        private Path checkpointDirectory;
        private int checkpointEvery;
        private int checkpointsKept;

        private Builder() {
        }

        /**
         * Writes a checkpoint every {@code every} steps and after the last one, each atomically, as
         * {@code checkpoint-<step>.zip} in {@code directory}, keeping the newest {@code keepLast};
         * {@link CycleGanTrainer#resume(Path)} continues from one.
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
         * @param translator G: X → Y (required)
         * @return this builder
         */
        public Builder xToY(Translator translator) {
            this.xToY = Objects.requireNonNull(translator, "xToY == null");
            return this;
        }

        /**
         * @param translator F: Y → X (required)
         * @return this builder
         */
        public Builder yToX(Translator translator) {
            this.yToX = Objects.requireNonNull(translator, "yToX == null");
            return this;
        }

        /**
         * @param discriminator D_X, telling real X images from F's (required)
         * @return this builder
         */
        public Builder discriminatorX(Discriminator discriminator) {
            this.discriminatorX = Objects.requireNonNull(discriminator, "discriminatorX == null");
            return this;
        }

        /**
         * @param discriminator D_Y, telling real Y images from G's (required)
         * @return this builder
         */
        public Builder discriminatorY(Discriminator discriminator) {
            this.discriminatorY = Objects.requireNonNull(discriminator, "discriminatorY == null");
            return this;
        }

        /**
         * @param data the images of domain X (required; labels, if any, are ignored)
         * @return this builder
         */
        public Builder dataX(GanDataSource data) {
            this.dataX = Objects.requireNonNull(data, "dataX == null");
            return this;
        }

        /**
         * @param data the images of domain Y (required; not paired with X)
         * @return this builder
         */
        public Builder dataY(GanDataSource data) {
            this.dataY = Objects.requireNonNull(data, "dataY == null");
            return this;
        }

        /**
         * @param loss the adversarial loss (default {@link LeastSquaresLoss#cycleGan()}); a loss whose recipe needs
         *             penalties or weight constraints is refused at {@link #build()}
         * @return this builder
         */
        public Builder loss(GanLoss loss) {
            this.loss = Objects.requireNonNull(loss, "loss == null");
            return this;
        }

        /**
         * @param lambda λ, the weight of the cycle-consistency L1 terms, &gt;= 0 (default 10)
         * @return this builder
         */
        public Builder cycleWeight(double lambda) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("cycleWeight must be finite and >= 0 but was " + lambda);
            }
            this.cycleWeight = lambda;
            return this;
        }

        /**
         * @param lambda λ_id, the weight of the identity L1 terms |G(y) − y| and |F(x) − x|, &gt;= 0 (default 0: off);
         *               needs X and Y images of one shape
         * @return this builder
         */
        public Builder identityWeight(double lambda) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("identityWeight must be finite and >= 0 but was " + lambda);
            }
            this.identityWeight = lambda;
            return this;
        }

        /**
         * @param capacity generated images kept per domain for the discriminators, &gt;= 0 (default 50; 0: show only
         *                 the newest)
         * @return this builder
         */
        public Builder imagePool(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("imagePool must be >= 0 but was " + capacity);
            }
            this.imagePool = capacity;
            return this;
        }

        /**
         * @param optimizer the optimizer of G and F (default {@link #DEFAULT_OPTIMIZER})
         * @return this builder
         */
        public Builder generatorOptimizer(OptimizerSpec optimizer) {
            this.generatorOptimizer = Objects.requireNonNull(optimizer, "generatorOptimizer == null");
            return this;
        }

        /**
         * @param optimizer the optimizer of D_X and D_Y (default {@link #DEFAULT_OPTIMIZER})
         * @return this builder
         */
        public Builder discriminatorOptimizer(OptimizerSpec optimizer) {
            this.discriminatorOptimizer = Objects.requireNonNull(optimizer, "discriminatorOptimizer == null");
            return this;
        }

        /**
         * @param batchSize images of each domain per step, &gt;= 1 (default 1, the paper's)
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
         * @param steps training steps (each one generator and one discriminator update), &gt;= 1 (required)
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
         * @param seed the seed of weights, shuffling and the image pools (default 42)
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
        public Builder listener(CycleGanListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener == null"));
            return this;
        }

        /**
         * @return the trainer
         * @throws IllegalStateException    listing every missing setting
         * @throws IllegalArgumentException listing every shape that does not fit, or when the batch exceeds a source
         */
        public CycleGanTrainer build() {
            List<String> missing = new ArrayList<>();
            if (xToY == null) {
                missing.add("xToY");
            }
            if (yToX == null) {
                missing.add("yToX");
            }
            if (discriminatorX == null) {
                missing.add("discriminatorX");
            }
            if (discriminatorY == null) {
                missing.add("discriminatorY");
            }
            if (dataX == null) {
                missing.add("dataX");
            }
            if (dataY == null) {
                missing.add("dataY");
            }
            if (steps == 0) {
                missing.add("steps");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("CycleGanTrainer is missing required settings: " + String.join(", ", missing));
            }
            Shape x = dataX.sampleShape();
            Shape y = dataY.sampleShape();
            List<String> mismatches = new ArrayList<>();
            expect(mismatches, "xToY input", xToY.inputShape(), "dataX images", x);
            expect(mismatches, "xToY output", xToY.outputShape(), "dataY images", y);
            expect(mismatches, "yToX input", yToX.inputShape(), "dataY images", y);
            expect(mismatches, "yToX output", yToX.outputShape(), "dataX images", x);
            expect(mismatches, "discriminatorX input", discriminatorX.inputShape(), "dataX images", x);
            expect(mismatches, "discriminatorY input", discriminatorY.inputShape(), "dataY images", y);
            if (identityWeight > 0 && !x.equals(y)) {
                mismatches.add("identityWeight " + identityWeight + " needs X and Y images of one shape but dataX holds "
                        + x + " and dataY " + y);
            }
            if (!mismatches.isEmpty()) {
                throw new IllegalArgumentException("CycleGanTrainer shapes do not fit: " + String.join("; ", mismatches));
            }
            if (discriminatorX.classes() > 0 || discriminatorY.classes() > 0) {
                throw new IllegalArgumentException("CycleGAN discriminators must be unconditional but discriminatorX has "
                        + discriminatorX.classes() + " classes and discriminatorY " + discriminatorY.classes());
            }
            TrainingRecipe recipe = loss.recipe();
            if (!recipe.penalties().isEmpty() || !recipe.constraints().isEmpty()) {
                throw new IllegalArgumentException("loss " + loss + " needs penalties " + recipe.penalties()
                        + " and constraints " + recipe.constraints() + ", which CycleGanTrainer does not apply: use"
                        + " LeastSquaresLoss.cycleGan() (the paper's), NonSaturatingLoss or HingeLoss");
            }
            requireBatch("dataX", dataX.size());
            requireBatch("dataY", dataY.size());
            return new CycleGanTrainer(this);
        }

        private void requireBatch(String name, OptionalLong size) {
            if (size.isPresent() && size.getAsLong() < batchSize) {
                throw new IllegalArgumentException("batchSize " + batchSize + " exceeds the " + size.getAsLong()
                        + " images of " + name);
            }
        }

        private static void expect(List<String> mismatches, String what, Shape actual, String against, Shape expected) {
            if (!actual.equals(expected)) {
                mismatches.add(what + " is " + actual + " but " + against + " are " + expected);
            }
        }
    }
}
