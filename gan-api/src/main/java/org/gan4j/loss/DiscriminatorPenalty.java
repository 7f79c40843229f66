package org.gan4j.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A regulariser added to the discriminator's loss that needs the discriminator itself, not only its scores: a
 * gradient penalty, R1. Like a {@link GanLoss} it only adds operations to the graph it is given and keeps no state;
 * any penalty composes with any loss.
 *
 * @since 0.1.0
 */
public interface DiscriminatorPenalty {

    /**
     * Builds the penalty term.
     *
     * @param graph  the discriminator-phase graph
     * @param inputs the real and generated batches and the critic, applicable to new inputs
     * @return a scalar added to the discriminator's loss
     */
    SDVariable penalty(SameDiff graph, PenaltyInputs inputs);
}
