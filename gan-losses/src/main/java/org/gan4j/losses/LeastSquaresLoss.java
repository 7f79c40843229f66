package org.gan4j.losses;

import org.gan4j.loss.GanLoss;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The least-squares GAN loss (Mao et al., "Least Squares Generative Adversarial Networks", ICCV 2017), with the
 * 0-1 coding a = 0, b = c = 1, over the discriminator's raw scores s (no sigmoid), means over the batch:
 * <ul>
 *   <li>L_D = ½·mean (s_real − 1)² + ½·mean s_fake²;</li>
 *   <li>L_G = ½·mean (s_fake − 1)².</li>
 * </ul>
 * Penalises samples by their distance to the decision boundary, which gives non-vanishing gradients and more stable
 * training than the cross-entropy losses; CycleGAN uses it. No recipe: train with Adam as for DCGAN.
 */
public final class LeastSquaresLoss implements GanLoss {

    /** Creates the loss; it has no hyperparameters. */
    public LeastSquaresLoss() {
    }

    @Override
    public SDVariable discriminatorLoss(SameDiff graph, SDVariable realLogits, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("least_squares_d")) {
            SDVariable r = realLogits.sub(1.0);
            return r.mul(r).mean().mul(0.5).add(fakeLogits.mul(fakeLogits).mean().mul(0.5));
        }
    }

    @Override
    public SDVariable generatorLoss(SameDiff graph, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("least_squares_g")) {
            SDVariable f = fakeLogits.sub(1.0);
            return f.mul(f).mean().mul(0.5);
        }
    }

    @Override
    public String toString() {
        return "LeastSquares()";
    }
}
