package org.gan4j.layer;

import org.gan4j.Activation;
import org.gan4j.Shape;

/**
 * Applies an {@link Activation} element-wise.
 *
 * @param activation the function
 *
 * @since 0.1.0
 */
public record ActivationLayer(Activation activation) implements LayerSpec {
    /**
     * Validates the activation.
     *
     * @param activation the function
     */
    public ActivationLayer {
        if (activation == null) {
            throw new NullPointerException("activation == null");
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public String toString() {
        return activation.toString();
    }
}
