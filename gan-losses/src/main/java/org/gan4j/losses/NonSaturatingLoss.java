package org.gan4j.losses;

import org.gan4j.loss.GanLoss;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The non-saturating GAN loss (Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014, §3): the
 * discriminator minimises the binary cross-entropy of real samples as 1 and generated ones as 0, and the generator
 * maximises log D(G(z)) instead of minimising log(1 − D(G(z))), which keeps its gradient alive early in training.
 * Over logits s, with σ the sigmoid and means over the batch:
 * <ul>
 *   <li>L_D = mean softplus(−s_real) + mean softplus(s_fake) = −mean log σ(s_real) − mean log(1 − σ(s_fake));</li>
 *   <li>L_G = mean softplus(−s_fake) = −mean log σ(s_fake).</li>
 * </ul>
 * softplus is computed stably ({@link StableLogits}). Use it as the default loss for DCGAN-style models.
 * No label smoothing (TF-GAN's {@code modified} losses with {@code label_smoothing=0}).
 */
public final class NonSaturatingLoss implements GanLoss {

    /** Creates the loss; it has no hyperparameters. */
    public NonSaturatingLoss() {
    }

    @Override
    public SDVariable discriminatorLoss(SameDiff graph, SDVariable realLogits, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("non_saturating_d")) {
            SDVariable real = StableLogits.softplus(graph, realLogits.neg()).mean();
            SDVariable fake = StableLogits.softplus(graph, fakeLogits).mean();
            return real.add(fake);
        }
    }

    @Override
    public SDVariable generatorLoss(SameDiff graph, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("non_saturating_g")) {
            return StableLogits.softplus(graph, fakeLogits.neg()).mean();
        }
    }

    @Override
    public String toString() {
        return "NonSaturating()";
    }
}
