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
 * softplus is computed stably ({@link StableLogits}). The default loss of gan4j and of DCGAN-style models.
 *
 * <p>One-sided label smoothing (Salimans et al., "Improved Techniques for Training GANs", 2016):
 * {@link #withRealLabel(double)} labels real samples t &lt; 1 in L_D, which becomes
 * mean[t·softplus(−s_real) + (1 − t)·softplus(s_real)] + mean softplus(s_fake). TF-GAN's {@code label_smoothing = a}
 * is t = 1 − a/2 (its default a = 0.25 is t = 0.875). Default t = 1 (no smoothing).
 *
 * @since 0.1.0
 */
public final class NonSaturatingLoss implements GanLoss {
    private final double realLabel;

    /** The loss without label smoothing. */
    public NonSaturatingLoss() {
        this(1.0);
    }

    private NonSaturatingLoss(double realLabel) {
        this.realLabel = StableLogits.checkRealLabel(realLabel);
    }

    /**
     * @param realLabel the label of real samples in the discriminator's loss, in (0.5, 1]
     * @return this loss with one-sided label smoothing
     */
    public static NonSaturatingLoss withRealLabel(double realLabel) {
        return new NonSaturatingLoss(realLabel);
    }

    /** @return the label of real samples */
    public double realLabel() {
        return realLabel;
    }

    @Override
    public SDVariable discriminatorLoss(SameDiff graph, SDVariable realLogits, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("non_saturating_d")) {
            return StableLogits.discriminatorCrossEntropy(graph, realLogits, fakeLogits, realLabel);
        }
    }

    @Override
    public SDVariable generatorLoss(SameDiff graph, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("non_saturating_g")) {
            return StableLogits.softplus(graph, fakeLogits.neg()).mean();
        }
    }

    /** @return true: the discriminator is a real/fake classifier */
    @Override
    public boolean classifiesRealAndFake() {
        return true;
    }

    @Override
    public String toString() {
        return realLabel == 1.0 ? "NonSaturating()" : "NonSaturating(realLabel=" + realLabel + ")";
    }
}
