package org.gan4j.dl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gan4j.data.GanDataSource;
import org.gan4j.optim.Adam;
import org.gan4j.zoo.StyleGan2;

/**
 * Trains a StyleGAN2 (Karras et al., "Analyzing and Improving the Image Quality of StyleGAN", CVPR 2020) the way
 * NVlabs/stylegan2-ada-pytorch {@code training/loss.py} and {@code training_loop.py} do, without augmentation: each
 * step runs
 * <ol>
 *   <li>G main: the non-saturating loss softplus(−D(G(z)));</li>
 *   <li>every {@link Builder#pathLengthInterval k_G}-th step, path length regularization on half the batch:
 *       k_G·w_pl·mean (‖J_wᵀ y‖ − a)², y ~ N(0, I)/√(HW), a the running mean of the lengths (decay 0.01);</li>
 *   <li>D main: softplus(D(G(z))) + softplus(−D(x));</li>
 *   <li>every {@link Builder#r1Interval k_D}-th step, lazy R1 on the same real batch: k_D·γ/2·mean ‖∇_x D(x)‖²;</li>
 * </ol>
 * with style mixing in every generated batch (probability 0.9: w(z₁) below a uniform crossover layer, w(z₂) from it
 * on), per-pixel noise, and one Adam per network shared by its main and regularization phases, its learning rate and
 * betas corrected for lazy regularization (lr·c, β^c, c = k/(k+1)). w̄, the average of w, is tracked with β = 0.995
 * after each G main phase (from that batch's w(z₁)); an EMA of G's weights is the run core's
 * ({@link TrainerBuilder#generatorEma}). Every draw (latents, noise, mixing, path-length noise) comes from the run's
 * seeded streams, so resume is exact.
 *
 * <p>Defaults: the paper's regularization (γ = 0.01, the reference's CIFAR-10 value; R1 every 16 steps; path length
 * weight 2 every 4 steps; mixing 0.9), Adam(0.0025, 0, 0.99, 1e-8) for both networks, batch 32.
 *
 * <pre>{@code
 * TrainedStyleGan result = StyleGanTrainer.builder()
 *     .architecture(StyleGan2.fashionMnist32())
 *     .data(FashionMnist.trainingImagesOrBundled().toPaddedDataSource(32))
 *     .steps(20_000)
 *     .generatorEma(0.999, 0)
 *     .build()
 *     .fit();
 * INDArray mixed = result.model().mix(zA, zB, 4);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class StyleGanTrainer {
    /** Adam(0.0025, 0, 0.99, 1e-8): the reference's optimizer before the lazy-regularization correction. */
    public static final Adam DEFAULT_OPTIMIZER = new Adam(0.0025, 0, 0.99, 1e-8);

    final StyleGan2 architecture;
    final GanDataSource data;
    final double r1Gamma;
    final int r1Interval;
    final double pathLengthWeight;
    final int pathLengthInterval;
    final double pathLengthDecay;
    final double styleMixing;
    final double wAverageBeta;
    final Adam generatorOptimizer;
    final Adam discriminatorOptimizer;
    final TrainingSettings settings;

    private StyleGanTrainer(Builder b, TrainingSettings settings) {
        this.architecture = b.architecture;
        this.data = b.data;
        this.r1Gamma = b.r1Gamma;
        this.r1Interval = b.r1Interval;
        this.pathLengthWeight = b.pathLengthWeight;
        this.pathLengthInterval = b.pathLengthInterval;
        this.pathLengthDecay = b.pathLengthDecay;
        this.styleMixing = b.styleMixing;
        this.wAverageBeta = b.wAverageBeta;
        this.generatorOptimizer = b.generatorOptimizer;
        this.discriminatorOptimizer = b.discriminatorOptimizer;
        this.settings = settings;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains from fresh weights.
     *
     * @return the trained generator and the history
     * @throws org.gan4j.GanTrainingException if a step fails or diverges; the message names the step
     */
    public TrainedStyleGan fit() {
        return run(null);
    }

    /**
     * Continues a run from a checkpoint to this trainer's step count; the result is the one an uninterrupted run
     * would have given (same machine, same thread count).
     *
     * @param checkpoint a checkpoint archive written by a trainer of the same configuration
     * @return the trained generator and the history
     * @throws IllegalArgumentException if the archive is unreadable, corrupted or from another configuration
     */
    public TrainedStyleGan resume(Path checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint == null");
        return run(Checkpoint.read(checkpoint));
    }

    private TrainedStyleGan run(Checkpoint from) {
        long totalSteps = settings.totalSteps(data.size(), 1);
        RunLoop<StyleGanFamily.State, StyleGanFamily> loop = new RunLoop<>(settings, totalSteps, StyleGanFamily.STREAMS,
                setup -> new StyleGanFamily(this, setup));
        return new TrainedStyleGan(loop.family().model(), loop.run(from));
    }

    /**
     * @param optimizer an optimizer specification
     * @param interval  the regularization interval k of its network (0: none)
     * @return Adam with lr·c and β^c, c = k/(k+1) (Karras et al., CVPR 2020, appendix B; the reference's mb_ratio)
     */
    static Adam lazyCorrected(Adam optimizer, int interval) {
        if (interval == 0) {
            return optimizer;
        }
        double c = interval / (interval + 1.0);
        return new Adam(optimizer.learningRate() * c, Math.pow(optimizer.beta1(), c), Math.pow(optimizer.beta2(), c),
                optimizer.epsilon(), optimizer.schedule());
    }

    /** @return the architecture */
    public StyleGan2 architecture() {
        return architecture;
    }

    /** @return the settings every trainer shares */
    public TrainingSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "StyleGanTrainer(" + architecture + ", r1Gamma=" + r1Gamma + ", r1Interval=" + r1Interval
                + ", pathLengthWeight=" + pathLengthWeight + ", pathLengthInterval=" + pathLengthInterval
                + ", styleMixing=" + styleMixing + ", generatorOptimizer=" + generatorOptimizer
                + ", discriminatorOptimizer=" + discriminatorOptimizer + ", " + settings + ")";
    }

    /**
     * Fluent builder of {@link StyleGanTrainer}; each setter checks its argument, {@link #build()} checks the whole.
     * The settings every trainer shares are {@link TrainerBuilder}'s (default batch size 32).
     */
    public static final class Builder extends TrainerBuilder<Builder> {
        private StyleGan2 architecture;
        private GanDataSource data;
        private double r1Gamma = 0.01;
        private int r1Interval = 16;
        private double pathLengthWeight = 2;
        private int pathLengthInterval = 4;
        private double pathLengthDecay = 0.01;
        private double styleMixing = 0.9;
        private double wAverageBeta = 0.995;
        private Adam generatorOptimizer = DEFAULT_OPTIMIZER;
        private Adam discriminatorOptimizer = DEFAULT_OPTIMIZER;

        private Builder() {
            super("StyleGanTrainer", 32);
        }

        /**
         * @param architecture the networks (required); see {@link StyleGan2#fashionMnist32()}
         * @return this builder
         */
        public Builder architecture(StyleGan2 architecture) {
            this.architecture = Objects.requireNonNull(architecture, "architecture == null");
            return this;
        }

        /**
         * @param data real images of the architecture's shape, in [-1, 1] (required; labels are ignored)
         * @return this builder
         */
        public Builder data(GanDataSource data) {
            this.data = Objects.requireNonNull(data, "data == null");
            return this;
        }

        /**
         * @param gamma    R1's γ, finite and &gt;= 0 (0: no R1; default 0.01)
         * @param interval the steps between R1 phases, &gt;= 1 (default 16; 1: not lazy)
         * @return this builder
         */
        public Builder r1(double gamma, int interval) {
            if (!(gamma >= 0) || Double.isInfinite(gamma)) {
                throw new IllegalArgumentException("r1Gamma must be finite and >= 0 but was " + gamma);
            }
            if (interval < 1) {
                throw new IllegalArgumentException("r1Interval must be >= 1 but was " + interval);
            }
            this.r1Gamma = gamma;
            this.r1Interval = interval;
            return this;
        }

        /**
         * @param weight   the path length weight, finite and &gt;= 0 (0: none; default 2)
         * @param interval the steps between path length phases, &gt;= 1 (default 4)
         * @return this builder
         */
        public Builder pathLength(double weight, int interval) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("pathLengthWeight must be finite and >= 0 but was " + weight);
            }
            if (interval < 1) {
                throw new IllegalArgumentException("pathLengthInterval must be >= 1 but was " + interval);
            }
            this.pathLengthWeight = weight;
            this.pathLengthInterval = interval;
            return this;
        }

        /**
         * @param probability the chance that a generated batch mixes two styles, in [0, 1] (default 0.9)
         * @return this builder
         */
        public Builder styleMixing(double probability) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("styleMixing must be in [0, 1] but was " + probability);
            }
            this.styleMixing = probability;
            return this;
        }

        /**
         * @param beta the decay of the tracked average of w, in [0, 1) (default 0.995)
         * @return this builder
         */
        public Builder wAverageBeta(double beta) {
            if (!(beta >= 0 && beta < 1)) {
                throw new IllegalArgumentException("wAverageBeta must be in [0, 1) but was " + beta);
            }
            this.wAverageBeta = beta;
            return this;
        }

        /**
         * @param optimizer the generator's Adam before the lazy-regularization correction (default
         *                  {@link #DEFAULT_OPTIMIZER})
         * @return this builder
         */
        public Builder generatorOptimizer(Adam optimizer) {
            this.generatorOptimizer = Objects.requireNonNull(optimizer, "generatorOptimizer == null");
            return this;
        }

        /**
         * @param optimizer the discriminator's Adam before the lazy-regularization correction (default
         *                  {@link #DEFAULT_OPTIMIZER})
         * @return this builder
         */
        public Builder discriminatorOptimizer(Adam optimizer) {
            this.discriminatorOptimizer = Objects.requireNonNull(optimizer, "discriminatorOptimizer == null");
            return this;
        }

        /**
         * @return the trainer
         * @throws IllegalStateException    listing every missing setting
         * @throws IllegalArgumentException when the data do not fit the architecture or the batch the minibatch-stddev
         *                                  groups
         */
        public StyleGanTrainer build() {
            List<String> missing = new ArrayList<>();
            if (architecture == null) {
                missing.add("architecture");
            }
            if (data == null) {
                missing.add("data");
            }
            TrainingSettings settings = settings(missing);
            List<String> problems = new ArrayList<>();
            if (!architecture.imageShape().equals(data.sampleShape())) {
                problems.add("the architecture makes images of shape " + architecture.imageShape() + " but data samples are "
                        + data.sampleShape());
            }
            int batch = settings.batchSize();
            int group = Math.min(architecture.minibatchStdGroup(), batch);
            if (batch % group != 0) {
                problems.add("batchSize " + batch + " must be a multiple of the minibatch-stddev group size " + group);
            }
            if (pathLengthWeight > 0 && batch < 2) {
                problems.add("batchSize " + batch + " must be >= 2: path length regularization runs on half the batch");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("StyleGanTrainer settings do not fit: " + String.join("; ", problems));
            }
            requireFullBatch("data", data.size());
            return new StyleGanTrainer(this, settings);
        }
    }
}
