package org.gan4j.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A GAN loss: the discriminator's and the generator's objectives as functions of the discriminator's
 * <em>logits</em> (unbounded scores, no sigmoid), each reduced to a scalar to minimise.
 *
 * <p>Implementations are pure graph builders: they add operations to the graph they are given (inside their own
 * name scope), keep no state, and never create optimizers or run steps. The backend calls them once per graph it
 * builds, not once per step.
 *
 * @since 0.1.0
 */
public interface GanLoss {

    /**
     * Builds the discriminator's loss, to be minimised over the discriminator's weights.
     *
     * @param graph      the graph to add operations to
     * @param realLogits D(x) on a real batch, shape [batch, 1]
     * @param fakeLogits D(G(z)) on a generated batch, shape [batch, 1]
     * @return a scalar
     */
    SDVariable discriminatorLoss(SameDiff graph, SDVariable realLogits, SDVariable fakeLogits);

    /**
     * Builds the generator's loss, to be minimised over the generator's weights.
     *
     * @param graph      the graph to add operations to
     * @param fakeLogits D(G(z)) on a generated batch, shape [batch, 1]
     * @return a scalar
     */
    SDVariable generatorLoss(SameDiff graph, SDVariable fakeLogits);

    /**
     * The training settings of this loss's paper, used by the trainer for whatever the user leaves unset.
     *
     * @return the recipe; by default none
     */
    default TrainingRecipe recipe() {
        return TrainingRecipe.none();
    }

    /**
     * Whether the discriminator acts as a classifier of real against generated samples, its scores being read as
     * logits of "real" (or regressed onto real/fake targets, as in least squares), so that a discriminator loss
     * pinned near 0 means it wins every batch and the trainer's collapse warning applies. Critics whose scores are
     * unbounded distances (Wasserstein, hinge) return false, as does a loss that does not say.
     *
     * @return true for classifier losses; by default false
     */
    default boolean classifiesRealAndFake() {
        return false;
    }
}
