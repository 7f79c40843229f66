package org.gan4j.dl4j;

import java.util.Objects;
import org.gan4j.loss.GanLoss;
import org.gan4j.optim.OptimizerSpec;

/**
 * The setters of trainers that play generators against discriminators (GAN, conditional GAN, CycleGAN): the
 * adversarial loss and the optimizer of each side.
 *
 * @param <B> the concrete builder, returned by every setter
 *
 * @since 0.1.0
 */
public abstract class AdversarialTrainerBuilder<B extends AdversarialTrainerBuilder<B>> extends TrainerBuilder<B> {
    private GanLoss loss;
    private OptimizerSpec generatorOptimizer;
    private OptimizerSpec discriminatorOptimizer;

    AdversarialTrainerBuilder(String trainer, int defaultBatchSize, GanLoss defaultLoss) {
        super(trainer, defaultBatchSize);
        this.loss = defaultLoss;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * @param loss the adversarial loss (default: a GAN's {@link org.gan4j.losses.NonSaturatingLoss}, a CycleGAN's
     *             {@link org.gan4j.losses.LeastSquaresLoss#cycleGan()})
     * @return this builder
     */
    public B loss(GanLoss loss) {
        this.loss = Objects.requireNonNull(loss, "loss == null");
        return self();
    }

    /**
     * @param optimizer the optimizer of the generator(s) (default: the loss's recipe, else
     *                  {@link GanTrainer#DEFAULT_OPTIMIZER})
     * @return this builder
     */
    public B generatorOptimizer(OptimizerSpec optimizer) {
        this.generatorOptimizer = Objects.requireNonNull(optimizer, "generatorOptimizer == null");
        return self();
    }

    /**
     * @param optimizer the optimizer of the discriminator(s) (default: the loss's recipe, else
     *                  {@link GanTrainer#DEFAULT_OPTIMIZER})
     * @return this builder
     */
    public B discriminatorOptimizer(OptimizerSpec optimizer) {
        this.discriminatorOptimizer = Objects.requireNonNull(optimizer, "discriminatorOptimizer == null");
        return self();
    }

    /** @return the loss */
    final GanLoss loss() {
        return loss;
    }

    /**
     * @param fallback the optimizer when none was set
     * @return the generator's optimizer
     */
    final OptimizerSpec generatorOptimizerOr(OptimizerSpec fallback) {
        return generatorOptimizer != null ? generatorOptimizer : fallback;
    }

    /**
     * @param fallback the optimizer when none was set
     * @return the discriminator's optimizer
     */
    final OptimizerSpec discriminatorOptimizerOr(OptimizerSpec fallback) {
        return discriminatorOptimizer != null ? discriminatorOptimizer : fallback;
    }
}
