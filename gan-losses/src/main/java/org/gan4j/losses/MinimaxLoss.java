package org.gan4j.losses;

import org.gan4j.loss.GanLoss;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The original minimax GAN loss (Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014, eq. 1) in its
 * saturating form: D maximises log D(x) + log(1 − D(G(z))) and G minimises log(1 − D(G(z))). Over logits s, σ the
 * sigmoid, means over the batch:
 * <ul>
 *   <li>L_D = mean softplus(−s_real) + mean softplus(s_fake);</li>
 *   <li>L_G = mean log(1 − σ(s_fake)) = −mean softplus(s_fake).</li>
 * </ul>
 * On TF-GAN's fixture (real logits [−5.0, 1.4, 12.5, 2.7], fake [10.0, 4.4, −5.5, 3.6]) L_G = −4.51082; TF-GAN's
 * own test value −4.82408 adds the constant −softplus(−1) = −0.31326, which gan4j leaves out. The generator's gradient vanishes when D rejects its samples
 * confidently, which is why {@link NonSaturatingLoss} is the usual choice; use this loss to reproduce the paper or to
 * study saturation. One-sided label smoothing as in {@link NonSaturatingLoss#withRealLabel(double)}.
 *
 * @since 0.1.0
 */
public final class MinimaxLoss implements GanLoss {
    private final double realLabel;

    /** The loss without label smoothing. */
    public MinimaxLoss() {
        this(1.0);
    }

    private MinimaxLoss(double realLabel) {
        this.realLabel = StableLogits.checkRealLabel(realLabel);
    }

    /**
     * @param realLabel the label of real samples in the discriminator's loss, in (0.5, 1]
     * @return this loss with one-sided label smoothing
     */
    public static MinimaxLoss withRealLabel(double realLabel) {
        return new MinimaxLoss(realLabel);
    }

    @Override
    public SDVariable discriminatorLoss(SameDiff graph, SDVariable realLogits, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("minimax_d")) {
            return StableLogits.discriminatorCrossEntropy(graph, realLogits, fakeLogits, realLabel);
        }
    }

    @Override
    public SDVariable generatorLoss(SameDiff graph, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("minimax_g")) {
            return StableLogits.softplus(graph, fakeLogits).mean().neg();
        }
    }

    /** @return true: the discriminator is a real/fake classifier */
    @Override
    public boolean classifiesRealAndFake() {
        return true;
    }

    @Override
    public String toString() {
        return realLabel == 1.0 ? "Minimax()" : "Minimax(realLabel=" + realLabel + ")";
    }
}
