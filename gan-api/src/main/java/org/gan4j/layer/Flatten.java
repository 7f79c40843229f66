package org.gan4j.layer;

import org.gan4j.Shape;

/**
 * Flattens each sample to a vector (row-major order).
 *
 * @since 0.1.0
 */
public record Flatten() implements LayerSpec {
    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(input.size());
    }

    @Override
    public String toString() {
        return "flatten";
    }
}
