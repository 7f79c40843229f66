package org.gan4j.loss;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What a {@link DiscriminatorPenalty} can use: both batches, per-sample random weights, and the critic.
 *
 * @since 0.1.0
 */
public interface PenaltyInputs {

    /** @return the shape of one sample */
    org.gan4j.Shape sampleShape();

    /** @return the real batch, [batch, sample shape...] */
    SDVariable real();

    /** @return the generated batch, [batch, sample shape...] */
    SDVariable fake();

    /**
     * @return one weight per sample drawn from U[0, 1], shaped [batch, 1, ..., 1] so that it broadcasts over a
     *         sample (for interpolating between real and generated samples); fresh every step
     */
    SDVariable interpolationWeights();

    /**
     * Applies the critic to a batch and builds, as ordinary forward operations, the gradient of each sample's score
     * with respect to that sample. Because the gradient is built from forward operations, the penalty's own gradient
     * with respect to the critic's weights is exact under first-order automatic differentiation.
     *
     * @param x a batch, [batch, sample shape...]
     * @return the scores and the input gradient
     * @throws UnsupportedOperationException if a layer of the critic has no per-sample input gradient (batch norm),
     *                                       naming the layer
     */
    CriticGradient critic(SDVariable x);
}
