package org.gan4j.layer;

import org.gan4j.Shape;

/**
 * Reshapes each sample to a target shape with the same number of values (row-major order).
 *
 * @param target the shape of one output sample
 *
 * @since 0.1.0
 */
public record Reshape(Shape target) implements LayerSpec {
    /**
     * Validates the target.
     *
     * @param target the shape of one output sample
     */
    public Reshape {
        if (target == null) {
            throw new NullPointerException("target == null");
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.size() != target.size()) {
            throw new IllegalArgumentException(this + " needs an input of " + target.size() + " values but got "
                    + input + " (" + input.size() + " values)");
        }
        return target;
    }

    @Override
    public String toString() {
        return "reshape" + target;
    }
}
