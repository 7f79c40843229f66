package org.gan4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * What a {@link GraphNetwork} gets to build its operations: the graph, and trainable parameters that the backend
 * creates once and shares between every graph the network is compiled into (training phases, sampling).
 *
 * @since 0.1.0
 */
public interface GraphContext {

    /** @return the graph to add operations to */
    SameDiff graph();

    /**
     * Returns the trainable parameter with this name, creating and initialising it on first use. The same name in
     * the same network always gives the same weights, in every graph.
     *
     * @param name  a name unique within the network (letters, digits, '_')
     * @param init  how the weights are initialised
     * @param shape the parameter's shape
     * @return the parameter as a graph variable
     */
    SDVariable parameter(String name, ParameterInit init, long... shape);

    /** @return true when the graph is built for a training step, false for sampling or evaluation */
    boolean training();
}
