package org.gan4j.dl4j.internal.ops;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A contiguous float array's native memory, for bulk copies into and out of Java arrays and between arrays. The record
 * holds the array itself: a buffer from {@code asNioFloat()} does not keep the native memory alive, and ND4J frees it
 * once the array is unreachable (a copy through the buffer then reads freed memory).
 *
 * @param array  the array
 * @param buffer the array's buffer
 * @param offset the array's first value in it
 * @param length the array's length
 */
record NativeFloats(INDArray array, FloatBuffer buffer, int offset, int length) {

    /**
     * @param array a float array, contiguous in c order ({@link FusedOp#floatContiguous})
     * @return its memory
     */
    static NativeFloats of(INDArray array) {
        if (!FusedOp.floatContiguous(array)) {
            throw new IllegalArgumentException("array: expected a contiguous c-order float array, got " + array.dataType()
                    + " " + java.util.Arrays.toString(array.shape()) + " with strides " + java.util.Arrays.toString(array.stride()));
        }
        return new NativeFloats(array, array.data().asNioFloat(), Math.toIntExact(array.offset()), Math.toIntExact(array.length()));
    }

    /** @param values receives all values */
    void read(float[] values) {
        buffer.get(offset, values, 0, length);
    }

    /** @param values replaces all values */
    void write(float[] values) {
        buffer.put(offset, values, 0, length);
    }

    /**
     * Copies this array, read as [a, b, rest], into {@code target} as [b, a, rest].
     *
     * @param a      the leading axis
     * @param b      the second axis
     * @param target an array of the same length
     */
    void swapLeadingAxesInto(int a, int b, NativeFloats target) {
        int block = length / a / b;
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                target.buffer.put(target.offset + (j * a + i) * block, buffer, offset + (i * b + j) * block, block);
            }
        }
    }
}
