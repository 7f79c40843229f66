package org.gan4j.loss;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A critic applied to a batch x, with the gradient of each sample's score with respect to that sample.
 *
 * @param scores        D(x), [batch, 1]
 * @param inputGradient ∂D(x_i)/∂x_i, [batch, sample shape...]
 *
 * @since 0.1.0
 */
public record CriticGradient(SDVariable scores, SDVariable inputGradient) {
}
