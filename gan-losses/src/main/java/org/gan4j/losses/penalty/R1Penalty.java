package org.gan4j.losses.penalty;

import org.gan4j.loss.CriticGradient;
import org.gan4j.loss.DiscriminatorPenalty;
import org.gan4j.loss.PenaltyInputs;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The R1 penalty (Mescheder, Geiger and Nowozin, "Which Training Methods for GANs do actually Converge?", ICML 2018):
 * (γ/2)·mean_i ‖∇x D(x_i)‖₂² on real samples only, pulling the discriminator's gradient to zero on the data.
 * StyleGAN uses γ = 10 on FFHQ; small images often need less. Composes with any loss (usually non-saturating).
 *
 * @since 0.1.0
 */
public final class R1Penalty implements DiscriminatorPenalty {
    private final double gamma;

    /**
     * @param gamma the penalty weight γ, &gt; 0
     */
    public R1Penalty(double gamma) {
        this.gamma = Penalties.checkWeight("gamma", gamma);
    }

    /** @return γ */
    public double gamma() {
        return gamma;
    }

    @Override
    public SDVariable penalty(SameDiff graph, PenaltyInputs inputs) {
        try (NameScope scope = graph.withNameScope("r1_penalty")) {
            CriticGradient critic = inputs.critic(inputs.real());
            return Penalties.squaredNormPerSample(graph, critic.inputGradient(), inputs.sampleShape().size()).mean().mul(gamma / 2);
        }
    }

    @Override
    public String toString() {
        return "R1Penalty(gamma=" + gamma + ")";
    }
}
