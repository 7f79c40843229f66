package org.gan4j.data;

/**
 * One pass over a {@link GanDataSource}, sample by sample.
 *
 * @since 0.1.0
 */
public interface SampleCursor {

    /**
     * Copies the next sample's values (row-major, {@code sampleShape().size()} floats) into {@code destination}.
     *
     * @param destination the array to write into
     * @param offset      where the sample's first value goes
     * @return false when the pass has no more samples (nothing is written)
     */
    boolean next(float[] destination, int offset);

    /**
     * @return the class of the sample last copied by {@link #next}, in [0, classes)
     * @throws UnsupportedOperationException for unlabelled data
     */
    default int label() {
        throw new UnsupportedOperationException("this data source has no labels");
    }
}
