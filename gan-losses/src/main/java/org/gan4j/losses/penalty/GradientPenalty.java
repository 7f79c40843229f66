package org.gan4j.losses.penalty;

import org.gan4j.loss.CriticGradient;
import org.gan4j.loss.DiscriminatorPenalty;
import org.gan4j.loss.PenaltyInputs;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The WGAN-GP gradient penalty (Gulrajani et al., "Improved Training of Wasserstein GANs", NeurIPS 2017):
 * λ·mean_i (‖∇x̂ D(x̂_i)‖₂ − 1)² with x̂_i = x_i + α_i·(G(z_i) − x_i), α_i ~ U[0, 1] drawn per sample and per step.
 * The norm is taken per sample over all non-batch dimensions, as √(Σ g² + ε) with ε = 1e-10 (TF-GAN's), then
 * averaged over the batch. Default λ = 10. The critic's input gradient is built from forward operations, so the
 * penalty's gradient with respect to the critic's weights is exact; a critic with batch norm is refused.
 *
 * @since 0.1.0
 */
public final class GradientPenalty implements DiscriminatorPenalty {
    /** ε inside the square root of the norm. */
    public static final double EPSILON = 1e-10;
    private final double lambda;

    /**
     * @param lambda the penalty weight, &gt; 0
     */
    public GradientPenalty(double lambda) {
        this.lambda = Penalties.checkWeight("lambda", lambda);
    }

    /** @return λ */
    public double lambda() {
        return lambda;
    }

    @Override
    public SDVariable penalty(SameDiff graph, PenaltyInputs inputs) {
        try (NameScope scope = graph.withNameScope("gradient_penalty")) {
            SDVariable real = inputs.real();
            SDVariable interpolated = real.add(inputs.fake().sub(real).mul(inputs.interpolationWeights()));
            CriticGradient critic = inputs.critic(interpolated);
            SDVariable norm = graph.math.sqrt(Penalties.squaredNormPerSample(graph, critic.inputGradient(), inputs.sampleShape().size()).add(EPSILON));
            SDVariable gap = norm.sub(1.0);
            return gap.mul(gap).mean().mul(lambda);
        }
    }

    @Override
    public String toString() {
        return "GradientPenalty(lambda=" + lambda + ")";
    }
}
