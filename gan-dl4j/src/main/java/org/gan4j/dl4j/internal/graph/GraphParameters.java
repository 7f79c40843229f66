package org.gan4j.dl4j.internal.graph;

import java.util.HashMap;
import java.util.Map;
import org.gan4j.ParameterInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The variables of one network inside one graph: each is bound to the network's shared array, and a network applied
 * twice in the same graph (D on real and on fake samples) reuses the same variables.
 */
public final class GraphParameters {
    private final SameDiff graph;
    private final ParameterStore store;
    private final Map<String, SDVariable> bound = new HashMap<>();

    /**
     * @param graph the graph
     * @param store the network's arrays
     */
    public GraphParameters(SameDiff graph, ParameterStore store) {
        this.graph = graph;
        this.store = store;
    }

    /** @return the graph */
    public SameDiff graph() {
        return graph;
    }

    /** @return the network's arrays */
    public ParameterStore store() {
        return store;
    }

    /**
     * @param key   the parameter's full name
     * @param init  its initialisation, used when the array does not exist yet
     * @param shape its shape
     * @return the trainable variable bound to the shared array
     */
    public SDVariable parameter(String key, ParameterInit init, long... shape) {
        return bound.computeIfAbsent(key, k -> graph.var(k, store.parameter(k, init, shape)));
    }

    /**
     * @param key   the state's full name
     * @param value its initial value, used when the array does not exist yet
     * @param shape its shape
     * @return the variable bound to the shared state array (never updated by gradients)
     */
    public SDVariable state(String key, double value, long... shape) {
        return bound.computeIfAbsent(key, k -> graph.var(k, store.state(k, value, shape)));
    }
}
