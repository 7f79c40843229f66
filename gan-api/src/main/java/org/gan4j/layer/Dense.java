package org.gan4j.layer;

import org.gan4j.Shape;

/**
 * A fully connected layer y = xW + b on vectors.
 *
 * @param units the output size
 * @param bias  whether the layer adds a bias b (drop it before batch norm)
 */
public record Dense(int units, boolean bias) implements LayerSpec {
    /**
     * Validates the components.
     *
     * @param units the output size
     * @param bias  whether the layer adds a bias
     */
    public Dense {
        LayerSpec.requirePositive("units", units);
    }

    @Override
    public Shape outputShape(Shape input) {
        LayerSpec.requireRank(this, input, 1, "[features]");
        return Shape.of(units);
    }

    @Override
    public String toString() {
        return "dense(" + units + (bias ? "" : ", no bias") + ")";
    }
}
