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
 * training than the cross-entropy losses. No recipe: train with Adam as for DCGAN.
 *
 * <p>CycleGAN (Zhu et al., ICCV 2017) uses the same discriminator half but the generator half without the ½,
 * L_G = mean (s_fake − 1)², against which its cycle weight λ = 10 is set: {@link #cycleGan()}.
 *
 * @since 0.1.0
 */
public final class LeastSquaresLoss implements GanLoss {
    private final double generatorScale;

    /** Creates the loss of Mao et al. (L_G with the factor ½). */
    public LeastSquaresLoss() {
        this(0.5);
    }

    private LeastSquaresLoss(double generatorScale) {
        this.generatorScale = generatorScale;
    }

    /** @return the loss as CycleGAN weighs it: L_D as above, L_G = mean (s_fake − 1)² */
    public static LeastSquaresLoss cycleGan() {
        return new LeastSquaresLoss(1.0);
    }

    /** @return the factor of the generator half: ½ (Mao et al.) or 1 (CycleGAN) */
    public double generatorScale() {
        return generatorScale;
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
            return f.mul(f).mean().mul(generatorScale);
        }
    }

    /** @return true: the discriminator is a real/fake classifier */
    @Override
    public boolean classifiesRealAndFake() {
        return true;
    }

    @Override
    public String toString() {
        return generatorScale == 0.5 ? "LeastSquares()" : "LeastSquares(generatorScale=" + generatorScale + ")";
    }
}
