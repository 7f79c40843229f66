package org.gan4j.dl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * Graphs are compiled once per {@link #fit()}; nothing is rebuilt per step. The run core is every trainer's: steps
 * or epochs (passes over X), checkpoints and exact resume, rollback on divergence, an EMA of both translators, and
 * the built-in listeners (each step's {@link org.gan4j.StepResult} carries the terms above, named as in
 * {@link org.gan4j.CycleGanStepResult}).
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
 *
 * @since 0.1.0
 */
public final class CycleGanTrainer {
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
    final TrainingSettings settings;

    private CycleGanTrainer(Builder b, TrainingSettings settings) {
        this.xToY = b.xToY;
        this.yToX = b.yToX;
        this.discriminatorX = b.discriminatorX;
        this.discriminatorY = b.discriminatorY;
        this.dataX = b.dataX;
        this.dataY = b.dataY;
        this.loss = b.loss();
        this.cycleWeight = b.cycleWeight;
        this.identityWeight = b.identityWeight;
        this.imagePool = b.imagePool;
        this.generatorOptimizer = b.generatorOptimizerOr(GanTrainer.DEFAULT_OPTIMIZER);
        this.discriminatorOptimizer = b.discriminatorOptimizerOr(GanTrainer.DEFAULT_OPTIMIZER);
        this.settings = settings;
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
        return run(null);
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
        return run(Checkpoint.read(checkpoint));
    }

    private TrainedCycleGan run(Checkpoint from) {
        long totalSteps = settings.totalSteps(dataX.size(), 1);
        RunLoop<CycleGanFamily.State, CycleGanFamily> loop = new RunLoop<>(settings, totalSteps, CycleGanFamily.STREAMS,
                setup -> new CycleGanFamily(this, setup));
        return new TrainedCycleGan(loop.family().xToY(), loop.family().yToX(), loop.run(from));
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

    /** @return the settings every trainer shares (batch size, length, seed, checkpoints, EMA, listeners) */
    public TrainingSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "CycleGanTrainer(loss=" + loss + ", cycleWeight=" + cycleWeight + ", identityWeight=" + identityWeight
                + ", imagePool=" + imagePool + ", g=" + generatorOptimizer + ", d=" + discriminatorOptimizer
                + ", " + settings + ")";
    }

    /**
     * Fluent builder of {@link CycleGanTrainer}; each setter checks its argument, {@link #build()} checks the whole.
     * The settings every trainer shares are {@link TrainerBuilder}'s and {@link AdversarialTrainerBuilder}'s
     * (defaults here: batch size 1, {@link LeastSquaresLoss#cycleGan()}, {@link GanTrainer#DEFAULT_OPTIMIZER}).
     */
    public static final class Builder extends AdversarialTrainerBuilder<Builder> {
        private Translator xToY;
        private Translator yToX;
        private Discriminator discriminatorX;
        private Discriminator discriminatorY;
        private GanDataSource dataX;
        private GanDataSource dataY;
        private double cycleWeight = 10;
        private double identityWeight;
        private int imagePool = 50;

        private Builder() {
            super("CycleGanTrainer", 1, LeastSquaresLoss.cycleGan());
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
            TrainingSettings settings = settings(missing);
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
            TrainingRecipe recipe = loss().recipe();
            if (!recipe.penalties().isEmpty() || !recipe.constraints().isEmpty()) {
                throw new IllegalArgumentException("loss " + loss() + " needs penalties " + recipe.penalties()
                        + " and constraints " + recipe.constraints() + ", which CycleGanTrainer does not apply: use"
                        + " LeastSquaresLoss.cycleGan() (the paper's), NonSaturatingLoss or HingeLoss");
            }
            requireFullBatch("dataX", dataX.size());
            requireFullBatch("dataY", dataY.size());
            return new CycleGanTrainer(this, settings);
        }

        private static void expect(List<String> mismatches, String what, Shape actual, String against, Shape expected) {
            if (!actual.equals(expected)) {
                mismatches.add(what + " is " + actual + " but " + against + " are " + expected);
            }
        }
    }
}
