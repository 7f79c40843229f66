package org.gan4j.layer;

import org.gan4j.Shape;

/**
 * Inverted dropout: during training each value is zeroed with probability {@code rate} and the survivors are
 * scaled by 1/(1 − rate); at inference the layer is the identity.
 *
 * @param rate the probability of dropping a value, in [0, 1)
 *
 * @since 0.1.0
 */
public record Dropout(double rate) implements LayerSpec {
    /**
     * Validates the rate.
     *
     * @param rate the probability of dropping a value
     */
    public Dropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("rate must be in [0, 1) but was " + rate);
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public String toString() {
        return "dropout(" + rate + ")";
    }
}
