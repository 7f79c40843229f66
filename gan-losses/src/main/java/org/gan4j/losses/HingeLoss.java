package org.gan4j.losses;

import org.gan4j.loss.GanLoss;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The hinge GAN loss (Lim and Ye, "Geometric GAN", 2017; used by SN-GAN, SAGAN and BigGAN), over the discriminator's
 * raw scores s, means over the batch:
 * <ul>
 *   <li>L_D = mean relu(1 − s_real) + mean relu(1 + s_fake);</li>
 *   <li>L_G = −mean s_fake.</li>
 * </ul>
 * The discriminator stops pushing scores beyond the margin 1. Usually combined with spectral normalisation or a
 * gradient penalty; no recipe.
 *
 * @since 0.1.0
 */
public final class HingeLoss implements GanLoss {

    /** Creates the loss; its margin is 1. */
    public HingeLoss() {
    }

    @Override
    public SDVariable discriminatorLoss(SameDiff graph, SDVariable realLogits, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("hinge_d")) {
            SDVariable real = graph.nn.relu(realLogits.rsub(1.0), 0).mean();
            SDVariable fake = graph.nn.relu(fakeLogits.add(1.0), 0).mean();
            return real.add(fake);
        }
    }

    @Override
    public SDVariable generatorLoss(SameDiff graph, SDVariable fakeLogits) {
        try (NameScope scope = graph.withNameScope("hinge_g")) {
            return fakeLogits.mean().neg();
        }
    }

    @Override
    public String toString() {
        return "Hinge(margin=1.0)";
    }
}
