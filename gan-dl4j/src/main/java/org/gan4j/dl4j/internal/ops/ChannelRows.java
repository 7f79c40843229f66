package org.gan4j.dl4j.internal.ops;

import java.nio.FloatBuffer;

/**
 * One channel's values of a contiguous [N, C, spatial…] float array, copied between its native memory and a Java
 * array of N·spatial values, where passes run without a buffer's per-value checks and the JIT can vectorise them.
 *
 * @param batch   N
 * @param spatial the values per sample and channel (1 for [N, C])
 * @param stride  the distance between one sample's rows, C·spatial
 */
record ChannelRows(int batch, int spatial, int stride) {
    /** The shortest row copied in bulk (a bulk copy's fixed cost exceeds that of a few single reads). */
    private static final int BULK_ROW = 16;

    /** @return the values per channel, N·spatial */
    int length() {
        return batch * spatial;
    }

    /**
     * @param buffer  the array's memory
     * @param channel the first value of the channel's first row in it (offset + c·spatial)
     * @param values  receives the channel's values, sample after sample
     */
    void read(FloatBuffer buffer, int channel, float[] values) {
        for (int n = 0; n < batch; n++) {
            int at = channel + n * stride;
            int offset = n * spatial;
            if (spatial >= BULK_ROW) {
                buffer.get(at, values, offset, spatial);
            } else {
                for (int j = 0; j < spatial; j++) {
                    values[offset + j] = buffer.get(at + j);
                }
            }
        }
    }

    /**
     * @param values  the channel's values, as {@link #read} gives them
     * @param buffer  the array's memory
     * @param channel the first value of the channel's first row in it
     */
    void write(float[] values, FloatBuffer buffer, int channel) {
        for (int n = 0; n < batch; n++) {
            int at = channel + n * stride;
            int offset = n * spatial;
            if (spatial >= BULK_ROW) {
                buffer.put(at, values, offset, spatial);
            } else {
                for (int j = 0; j < spatial; j++) {
                    buffer.put(at + j, values[offset + j]);
                }
            }
        }
    }
}
