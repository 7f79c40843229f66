package org.gan4j.dl4j.internal.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.ParameterInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays of one network: trainable parameters and non-trainable state (batch-norm running statistics, spectral-norm
 * vectors), created once, in a fixed order, and shared by every graph the network is compiled into.
 */
public final class ParameterStore {
    private final String network;
    private final Random random;
    private final DataType dataType;
    private final Map<String, INDArray> parameters = new LinkedHashMap<>();
    private final Map<String, INDArray> state = new LinkedHashMap<>();
    private boolean restored;
    private final java.util.Set<String> used = new java.util.HashSet<>();
    private final Map<String, SpectralNormIteration> powerIterations = new LinkedHashMap<>();

    /**
     * @param network the network's name prefix, "G" or "D"
     * @param random  the generator used for initialisation
     */
    public ParameterStore(String network, Random random) {
        this(network, random, DataType.FLOAT);
    }

    /**
     * @param network  the network's name prefix, "G" or "D"
     * @param random   the generator used for initialisation
     * @param dataType the floating-point type of the arrays
     */
    public ParameterStore(String network, Random random, DataType dataType) {
        this.network = network;
        this.random = random;
        this.dataType = dataType;
    }

    /**
     * @param other  a store whose arrays are all created
     * @param random the generator of the new store (used only for arrays created later)
     * @return a store holding copies of every array of {@code other}, under the same names
     */
    public static ParameterStore copyOf(ParameterStore other, Random random) {
        ParameterStore copy = new ParameterStore(other.network, random, other.dataType);
        other.parameters.forEach((k, v) -> copy.parameters.put(k, v.dup()));
        other.state.forEach((k, v) -> copy.state.put(k, v.dup()));
        return copy;
    }

    /**
     * A store holding saved arrays that refuses to create any other: compiling a network spec over it either uses
     * exactly these arrays or fails, so a saved spec cannot make the loader allocate arrays the file does not hold.
     *
     * @param network    the network's name prefix
     * @param parameters the saved trainable parameters by name
     * @param state      the saved state by name
     * @return the store
     */
    public static ParameterStore restored(String network, Map<String, INDArray> parameters, Map<String, INDArray> state) {
        ParameterStore store = new ParameterStore(network, null, DataType.FLOAT);
        parameters.forEach((k, v) -> store.parameters.put(k, v.castTo(DataType.FLOAT)));
        state.forEach((k, v) -> store.state.put(k, v.castTo(DataType.FLOAT)));
        store.restored = true;
        return store;
    }

    /** @return the names of arrays no compiled network asked for (saved arrays a spec does not use) */
    public java.util.Set<String> unused() {
        java.util.Set<String> unused = new java.util.TreeSet<>(parameters.keySet());
        unused.addAll(state.keySet());
        unused.removeAll(used);
        return unused;
    }

    /** @return the network's name prefix */
    public String network() {
        return network;
    }

    /**
     * Returns the trainable parameter with this key, creating it on first use.
     *
     * @param key   the parameter's full name
     * @param init  its initialisation
     * @param shape its shape
     * @return the array
     */
    public INDArray parameter(String key, ParameterInit init, long... shape) {
        INDArray existing = existing("parameter", parameters, key, shape);
        if (existing != null) {
            return existing;
        }
        INDArray array = Nd4j.create(dataType, shape);
        initialise(array, init, shape);
        parameters.put(key, array);
        return array;
    }

    /**
     * Returns the non-trainable state array with this key, creating it filled with {@code value} on first use.
     *
     * @param key   the state's full name
     * @param value the initial value
     * @param shape its shape
     * @return the array
     */
    public INDArray state(String key, double value, long... shape) {
        INDArray existing = existing("state", state, key, shape);
        if (existing != null) {
            return existing;
        }
        INDArray array = Nd4j.create(dataType, shape).assign(value);
        state.put(key, array);
        return array;
    }

    /**
     * Returns the state array with this key, creating it from N(0, 1) draws of the store's generator on first use
     * (StyleGAN's fixed noise).
     *
     * @param key   the state's full name
     * @param shape its shape
     * @return the array
     */
    public INDArray normalState(String key, long... shape) {
        INDArray existing = existing("state", state, key, shape);
        if (existing != null) {
            return existing;
        }
        INDArray array = Nd4j.create(dataType, shape);
        Nd4j.getExecutioner().exec(new GaussianDistribution(array, 0, 1), random);
        state.put(key, array);
        return array;
    }

    /**
     * Returns the state array with this key, creating it as a random unit vector (N(0, I) draws, normalized; the
     * start of a power iteration) on first use.
     *
     * @param key   the state's full name
     * @param shape its shape
     * @return the array
     */
    public INDArray unitState(String key, long... shape) {
        INDArray existing = existing("state", state, key, shape);
        if (existing != null) {
            return existing;
        }
        INDArray array = Nd4j.create(dataType, shape);
        Nd4j.getExecutioner().exec(new GaussianDistribution(array, 0, 1), random);
        array.divi(Math.max(array.norm2Number().doubleValue(), SpectralNormIteration.EPSILON));
        state.put(key, array);
        return array;
    }

    /**
     * Records the power iteration of a spectrally normalized weight (once per layer, however often the network is
     * compiled).
     *
     * @param layer     the layer's key
     * @param iteration its power iteration
     */
    public void registerPowerIteration(String layer, SpectralNormIteration iteration) {
        powerIterations.putIfAbsent(layer, iteration);
    }

    /** Runs one power iteration of every spectrally normalized weight of the network (before a training step). */
    public void iteratePowerIterations() {
        for (SpectralNormIteration iteration : powerIterations.values()) {
            iteration.iterate();
        }
    }

    /**
     * Marks an array as used and returns it when it exists, of the asked shape.
     *
     * @return the array, or null when it must be created
     * @throws IllegalArgumentException if it exists with another shape, or is missing from a restored store
     */
    private INDArray existing(String kind, Map<String, INDArray> arrays, String key, long[] shape) {
        used.add(key);
        INDArray existing = arrays.get(key);
        if (existing != null && !java.util.Arrays.equals(existing.shape(), shape)) {
            throw new IllegalArgumentException(kind + " " + key + (restored ? " is saved" : " was created") + " with shape "
                    + java.util.Arrays.toString(existing.shape()) + " and is now asked for with shape "
                    + java.util.Arrays.toString(shape));
        }
        if (existing == null && restored) {
            throw new IllegalArgumentException("the saved weights hold no " + kind + " " + key + " of shape "
                    + java.util.Arrays.toString(shape));
        }
        return existing;
    }

    /** @return the trainable parameters by name, in creation order */
    public Map<String, INDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** @return the non-trainable state by name, in creation order */
    public Map<String, INDArray> state() {
        return Collections.unmodifiableMap(state);
    }

    private void initialise(INDArray array, ParameterInit init, long[] shape) {
        long fanOut = shape[shape.length - 1];
        long fanIn = shape.length == 1 ? shape[0] : array.length() / fanOut;
        if (init instanceof ParameterInit.Constant c) {
            array.assign(c.value());
        } else if (init instanceof ParameterInit.Normal n) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(array, n.mean(), n.std()), random);
        } else if (init instanceof ParameterInit.FanInUniform) {
            uniform(array, 1.0 / Math.sqrt(fanIn));
        } else if (init instanceof ParameterInit.XavierUniform) {
            uniform(array, Math.sqrt(6.0 / (fanIn + fanOut)));
        } else {
            throw new IllegalArgumentException("unknown initialisation " + init);
        }
    }

    private void uniform(INDArray array, double bound) {
        Nd4j.getExecutioner().exec(new UniformDistribution(array, -bound, bound), random);
    }
}
