package org.gan4j.layer;

import org.gan4j.Shape;

/**
 * One layer of a {@link org.gan4j.Generator} or {@link org.gan4j.Discriminator}: an immutable description
 * that knows its output shape; the backend turns it into graph operations.
 *
 * @since 0.1.0
 */
public sealed interface LayerSpec permits WeightedLayer, BatchNorm, InstanceNorm, Dropout, Reshape, Flatten, ActivationLayer, Residual {

    /**
     * Infers the shape this layer produces from the shape it receives (batch dimension excluded).
     *
     * @param input the shape of one input sample
     * @return the shape of one output sample
     * @throws IllegalArgumentException if the layer cannot take an input of this shape
     */
    Shape outputShape(Shape input);

    /**
     * Checks that an input has the rank a layer needs.
     *
     * @param layer the layer, for the message
     * @param input the input shape
     * @param rank  the rank needed
     * @param what  the names of the dimensions, for the message
     */
    static void requireRank(LayerSpec layer, Shape input, int rank, String what) {
        if (input.rank() != rank) {
            throw new IllegalArgumentException(layer + " expects input of rank " + rank + " " + what + " but got " + input);
        }
    }

    /**
     * Checks that a layer size parameter is positive.
     *
     * @param name  the parameter's name
     * @param value its value
     */
    static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1 but was " + value);
        }
    }
}
