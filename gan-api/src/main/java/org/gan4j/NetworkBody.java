package org.gan4j;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.gan4j.layer.LayerSpec;

/**
 * What a network is made of: a stack of built-in layers, or a {@link GraphNetwork} with a declared output shape.
 *
 * @since 0.1.0
 */
public sealed interface NetworkBody {

    /**
     * A sequence of built-in layers.
     *
     * @param layers the layers, first to last
     */
    record Layers(List<LayerSpec> layers) implements NetworkBody {
        /**
         * Copies the list.
         *
         * @param layers the layers
         */
        public Layers {
            layers = ImmutableList.copyOf(layers);
        }
    }

    /**
     * A network defined by a function over a SameDiff graph.
     *
     * @param network     the function that adds the operations
     * @param outputShape the shape of one output sample, checked when the network is compiled
     */
    record Custom(GraphNetwork network, Shape outputShape) implements NetworkBody {
    }
}
