package org.gan4j.losses;

import org.gan4j.loss.GanLoss;
import org.gan4j.loss.TrainingRecipe;
import org.gan4j.losses.penalty.GradientPenalty;
import org.gan4j.losses.penalty.WeightClipping;
import org.gan4j.optim.OptimizerSpec;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The Wasserstein GAN loss over the critic's raw scores s (no sigmoid), means over the batch:
 * <ul>
 *   <li>L_D = mean s_fake − mean s_real (the negated estimate of the Wasserstein-1 distance);</li>
 *   <li>L_G = −mean s_fake.</li>
 * </ul>
 * The estimate needs a Lipschitz critic, enforced in one of two ways, each with its paper's recipe:
 * <ul>
 *   <li>{@code new WassersteinLoss()} or {@link #withClipping(double)}: weight clipping to [−c, c] after every critic
 *       update, c = 0.01, RMSProp(lr 5e-5) for both networks, 5 critic steps per generator step (Arjovsky, Chintala
 *       and Bottou, "Wasserstein GAN", ICML 2017, Algorithm 1);</li>
 *   <li>{@link #withGradientPenalty()}: L_D + λ·mean_i (‖∇D(x̂_i)‖₂ − 1)², λ = 10, Adam(1e-4, β1 = 0, β2 = 0.9),
 *       5 critic steps (Gulrajani et al., "Improved Training of Wasserstein GANs", NeurIPS 2017, Algorithm 1);
 *       see {@link GradientPenalty}.</li>
 * </ul>
 * Settings given to the trainer override the recipe.
 *
 * @since 0.1.0
 */
public final class WassersteinLoss implements GanLoss {
    private final TrainingRecipe recipe;
    private final String description;

    /** WGAN with weight clipping at c = 0.01 and the paper's recipe. */
    public WassersteinLoss() {
        this(clippingRecipe(0.01), "Wasserstein(clip=0.01)");
    }

    private WassersteinLoss(TrainingRecipe recipe, String description) {
        this.recipe = recipe;
        this.description = description;
    }

    /**
     * @param c the clipping bound, &gt; 0
     * @return WGAN with weight clipping to [−c, c], RMSProp(5e-5), 5 critic steps
     */
    public static WassersteinLoss withClipping(double c) {
        return new WassersteinLoss(clippingRecipe(c), "Wasserstein(clip=" + c + ")");
    }

    /** @return WGAN-GP: λ = 10, Adam(1e-4, 0, 0.9), 5 critic steps */
    public static WassersteinLoss withGradientPenalty() {
        return withGradientPenalty(10.0);
    }

    /**
     * @param lambda the penalty weight, &gt; 0
     * @return WGAN-GP with this λ, Adam(1e-4, 0, 0.9), 5 critic steps
     */
    public static WassersteinLoss withGradientPenalty(double lambda) {
        return new WassersteinLoss(TrainingRecipe.builder()
                .discriminatorSteps(5)
                .optimizers(OptimizerSpec.adam(1e-4, 0.0, 0.9))
                .penalty(new GradientPenalty(lambda))
                .build(), "WassersteinGp(lambda=" + lambda + ")");
    }

    /** @return the loss alone, with no Lipschitz constraint and no recipe (combine with your own penalty) */
    public static WassersteinLoss unconstrained() {
        return new WassersteinLoss(TrainingRecipe.none(), "Wasserstein()");
    }

    private static TrainingRecipe clippingRecipe(double c) {
        return TrainingRecipe.builder()
                .discriminatorSteps(5)
                .optimizers(OptimizerSpec.rmsProp(5e-5))
                .constraint(new WeightClipping(c))
                .build();
    }

    @Override
    public SDVariable discriminatorLoss(SameDiff graph, SDVariable realLogits, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("wasserstein_d")) {
            return fakeLogits.mean().sub(realLogits.mean());
        }
    }

    @Override
    public SDVariable generatorLoss(SameDiff graph, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("wasserstein_g")) {
            return fakeLogits.mean().neg();
        }
    }

    @Override
    public TrainingRecipe recipe() {
        return recipe;
    }

    @Override
    public String toString() {
        return description;
    }
}
