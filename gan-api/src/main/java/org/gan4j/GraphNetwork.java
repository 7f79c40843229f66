package org.gan4j;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The escape hatch for research architectures: a network written directly as SameDiff operations.
 * A generator or discriminator defined this way trains, samples and saves exactly like one built from layers.
 * Trainable weights must come from {@link GraphContext#parameter}, so that every graph the backend builds shares them.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface GraphNetwork {

    /**
     * Adds the network's operations to {@code context.graph()}.
     *
     * @param context the graph and the parameter factory
     * @param input   the batch of inputs, [batch, inputShape...]
     * @return the batch of outputs, [batch, outputShape...]
     */
    SDVariable define(GraphContext context, SDVariable input);
}
