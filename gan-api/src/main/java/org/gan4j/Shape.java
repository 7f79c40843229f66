package org.gan4j;

import java.util.Arrays;

/**
 * The shape of one sample, without the batch dimension: {@code [100]} for a latent vector,
 * {@code [1, 28, 28]} for a grayscale image in channels-first order.
 *
 * @since 0.1.0
 */
public final class Shape {
    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims;
    }

    /**
     * Creates a shape from its dimensions.
     *
     * @param dims the dimensions, each at least 1
     * @return the shape
     * @throws IllegalArgumentException if no dimension is given or one is below 1
     */
    public static Shape of(long... dims) {
        if (dims == null || dims.length == 0) {
            throw new IllegalArgumentException("shape must have at least one dimension but was " + Arrays.toString(dims));
        }
        for (long d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("shape dimensions must be >= 1 but was " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /** @return the number of dimensions */
    public int rank() {
        return dims.length;
    }

    /**
     * @param i the dimension index
     * @return the size of dimension {@code i}
     */
    public long dim(int i) {
        return dims[i];
    }

    /** @return a copy of the dimensions */
    public long[] dims() {
        return dims.clone();
    }

    /** @return the number of values in one sample (the product of the dimensions) */
    public long size() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /**
     * @param batch the batch size
     * @return the dimensions of a batch of samples of this shape: {@code [batch, dims...]}
     */
    public long[] withBatch(long batch) {
        long[] out = new long[dims.length + 1];
        out[0] = batch;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
