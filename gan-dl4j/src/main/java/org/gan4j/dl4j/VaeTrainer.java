package org.gan4j.dl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gan4j.Encoder;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.data.GanDataSource;
import org.gan4j.loss.ReconstructionLikelihood;
import org.gan4j.losses.vae.BernoulliLikelihood;
import org.gan4j.optim.OptimizerSpec;

/**
 * Trains a variational autoencoder (Kingma and Welling, "Auto-Encoding Variational Bayes", ICLR 2014): an encoder
 * q(z|x) = N(μ(x), diag σ²(x)) and a decoder p(x|z) (a {@link Generator} spec with latent space N(0, I) of the
 * encoder's size, its output scored by a {@link ReconstructionLikelihood}), trained together to minimise
 * <pre>
 *   L = −log p(x|z) + β_t·KL(q(z|x) ‖ N(0, I)),   z = μ(x) + σ(x)·ε,  ε ~ N(0, I)
 * </pre>
 * averaged over the batch (nats per sample), with the KL in closed form and one reparameterized draw of z per sample.
 * β_t = β·min(1, t / W) rises linearly over the first W steps (KL warm-up: Bowman et al., "Generating Sentences from a
 * Continuous Space", CoNLL 2016; Sønderby et al., "Ladder Variational Autoencoders", NeurIPS 2016); with β = 1 and
 * no warm-up L is −ELBO. Each step's {@link org.gan4j.StepResult} carries −ELBO, the reconstruction and KL terms and
 * β_t, named as in {@link org.gan4j.VaeStepResult}.
 *
 * <p>Defaults: Bernoulli likelihood on logits (data in [0, 1]), β = 1, no warm-up, Adam(1e-3, 0.9, 0.999), batch 64.
 * The run core is every trainer's: steps or epochs, checkpoints and exact resume, rollback on divergence, an EMA of
 * both networks, and the built-in listeners (they see decoded prior samples in [-1, 1]).
 *
 * <pre>{@code
 * TrainedVae vae = VaeTrainer.builder()
 *     .encoder(Encoder.builder().input(1, 28, 28).flatten().dense(512).relu().latent(16).build())
 *     .decoder(Generator.builder().latent(LatentSpace.gaussian(16)).dense(512).relu().dense(784).reshape(1, 28, 28).build())
 *     .data(imagesInZeroOne)
 *     .steps(5000)
 *     .build()
 *     .fit();
 * INDArray samples = vae.sample(64);
 * }</pre>
 *
 * A trainer is immutable and reusable: every {@code fit()} starts from fresh weights drawn from the seed.
 *
 * @since 0.1.0
 */
public final class VaeTrainer {
    /** The default optimizer of both networks: Adam(1e-3, 0.9, 0.999), Kingma and Ba's defaults. */
    public static final OptimizerSpec DEFAULT_OPTIMIZER = OptimizerSpec.adam(1e-3, 0.9, 0.999);

    final Encoder encoder;
    final Generator decoder;
    final GanDataSource data;
    final ReconstructionLikelihood likelihood;
    final double beta;
    final long klWarmup;
    final OptimizerSpec optimizer;
    final TrainingSettings settings;

    private VaeTrainer(Builder b, TrainingSettings settings) {
        this.encoder = b.encoder;
        this.decoder = b.decoder;
        this.data = b.data;
        this.likelihood = b.likelihood;
        this.beta = b.beta;
        this.klWarmup = b.klWarmup;
        this.optimizer = b.optimizer;
        this.settings = settings;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param step a 1-based step number
     * @return β_t = β·min(1, t / W), β without warm-up
     */
    public double beta(long step) {
        return klWarmup == 0 ? beta : beta * Math.min(1.0, step / (double) klWarmup);
    }

    /**
     * Trains from fresh weights.
     *
     * @return the trained model and the history
     * @throws org.gan4j.GanTrainingException if a step fails or diverges; the message names the step
     * @throws IllegalArgumentException      if a batch holds values outside the likelihood's range
     */
    public TrainedVae fit() {
        return run(null);
    }

    /**
     * Continues a run from a checkpoint to this trainer's step count; the result is the one an uninterrupted run
     * would have given (same machine, same thread count). The checkpoint is read and checked completely first.
     *
     * @param checkpoint a checkpoint archive written by a trainer of the same configuration
     * @return the trained model and the history
     * @throws IllegalArgumentException if the archive is unreadable, corrupted, of another format version, or was
     *                                  written by a differently configured trainer
     */
    public TrainedVae resume(Path checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint == null");
        return run(Checkpoint.read(checkpoint));
    }

    private TrainedVae run(Checkpoint from) {
        long totalSteps = settings.totalSteps(data.size(), 1);
        RunLoop<VaeFamily.State, VaeFamily> loop = new RunLoop<>(settings, totalSteps, VaeFamily.STREAMS,
                setup -> new VaeFamily(this, setup));
        return new TrainedVae(loop.family().model(), loop.run(from));
    }

    /** @return the likelihood p(x|z) */
    public ReconstructionLikelihood likelihood() {
        return likelihood;
    }

    /** @return the settings every trainer shares (batch size, length, seed, checkpoints, EMA, listeners) */
    public TrainingSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "VaeTrainer(likelihood=" + likelihood + ", beta=" + beta + ", klWarmup=" + klWarmup + ", optimizer="
                + optimizer + ", " + settings + ")";
    }

    /**
     * Fluent builder of {@link VaeTrainer}; each setter checks its argument, {@link #build()} checks the whole. The
     * settings every trainer shares are {@link TrainerBuilder}'s (default batch size 64).
     */
    public static final class Builder extends TrainerBuilder<Builder> {
        private Encoder encoder;
        private Generator decoder;
        private GanDataSource data;
        private ReconstructionLikelihood likelihood = new BernoulliLikelihood();
        private double beta = 1;
        private long klWarmup;
        private OptimizerSpec optimizer = DEFAULT_OPTIMIZER;

        private Builder() {
            super("VaeTrainer", 64);
        }

        /**
         * @param encoder q(z|x) (required)
         * @return this builder
         */
        public Builder encoder(Encoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder == null");
            return this;
        }

        /**
         * @param decoder the decoder: latent space {@code LatentSpace.gaussian(L)} of the encoder's size, output of the
         *                data's shape, raw output scored by the likelihood (logits for Bernoulli) (required)
         * @return this builder
         */
        public Builder decoder(Generator decoder) {
            this.decoder = Objects.requireNonNull(decoder, "decoder == null");
            return this;
        }

        /**
         * @param data the training samples (required; labels, if any, are ignored)
         * @return this builder
         */
        public Builder data(GanDataSource data) {
            this.data = Objects.requireNonNull(data, "data == null");
            return this;
        }

        /**
         * @param likelihood p(x|z) (default {@link BernoulliLikelihood}, data in [0, 1])
         * @return this builder
         */
        public Builder likelihood(ReconstructionLikelihood likelihood) {
            this.likelihood = Objects.requireNonNull(likelihood, "likelihood == null");
            return this;
        }

        /**
         * @param beta the KL weight β, finite and &gt;= 0 (default 1: the ELBO; β &gt; 1 is the β-VAE of Higgins et
         *             al., ICLR 2017)
         * @return this builder
         */
        public Builder beta(double beta) {
            if (!(beta >= 0) || Double.isInfinite(beta)) {
                throw new IllegalArgumentException("beta must be finite and >= 0 but was " + beta);
            }
            this.beta = beta;
            return this;
        }

        /**
         * @param steps W, the steps over which β rises linearly from 0 to its value, &gt;= 0 (default 0: none)
         * @return this builder
         */
        public Builder klWarmup(long steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("klWarmup must be >= 0 but was " + steps);
            }
            this.klWarmup = steps;
            return this;
        }

        /**
         * @param optimizer the optimizer of the encoder and decoder together (default {@link #DEFAULT_OPTIMIZER})
         * @return this builder
         */
        public Builder optimizer(OptimizerSpec optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer == null");
            return this;
        }

        /**
         * @return the trainer
         * @throws IllegalStateException    listing every missing setting
         * @throws IllegalArgumentException listing every shape that does not fit, or when the batch exceeds the data
         */
        public VaeTrainer build() {
            List<String> missing = new ArrayList<>();
            if (encoder == null) {
                missing.add("encoder");
            }
            if (decoder == null) {
                missing.add("decoder");
            }
            if (data == null) {
                missing.add("data");
            }
            TrainingSettings settings = settings(missing);
            List<String> problems = new ArrayList<>();
            if (!encoder.inputShape().equals(data.sampleShape())) {
                problems.add("encoder input is " + encoder.inputShape() + " but data samples are " + data.sampleShape());
            }
            if (!decoder.outputShape().equals(data.sampleShape())) {
                problems.add("decoder output is " + decoder.outputShape() + " but data samples are " + data.sampleShape());
            }
            LatentSpace prior = encoder.latent();
            if (!decoder.latent().equals(prior)) {
                problems.add("decoder latent is " + decoder.latent() + " but the encoder's posterior needs " + prior);
            }
            if (decoder.classes() > 0) {
                problems.add("decoder is conditional on " + decoder.classes() + " classes but a VAE decoder must not be");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("VaeTrainer shapes do not fit: " + String.join("; ", problems));
            }
            requireFullBatch("data", data.size());
            return new VaeTrainer(this, settings);
        }
    }
}
