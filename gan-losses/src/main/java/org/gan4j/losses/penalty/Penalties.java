package org.gan4j.losses.penalty;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Shared pieces of the penalties. */
final class Penalties {
    private Penalties() {
    }

    static double checkWeight(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
        return value;
    }

    /**
     * Σ g² over every non-batch dimension of each sample, as [batch, 1]. Computed as a matrix product with a ones
     * vector, not a reduction: SameDiff 1.0.0-M2.1 fails on reductions over size-1 dimensions.
     */
    static SDVariable squaredNormPerSample(SameDiff graph, SDVariable gradient, long perSample) {
        SDVariable squares = gradient.mul(gradient);
        SDVariable flat = squares.reshape(-1, perSample);
        SDVariable ones = graph.constant(org.nd4j.linalg.factory.Nd4j.ones(gradient.dataType(), perSample, 1));
        return flat.mmul(ones);
    }
}
