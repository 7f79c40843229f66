package org.gan4j.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import org.gan4j.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Adapts a DL4J {@link DataSetIterator}: each pass resets the iterator and reads the features of every
 * {@code DataSet} it returns (labels are ignored). The iterator decides the order; features can be mapped linearly
 * from [0, 1] (what DL4J's image iterators produce) to [-1, 1].
 *
 * @since 0.1.0
 */
public final class DataSetIteratorSource implements GanDataSource {
    private final DataSetIterator iterator;
    private final Shape sampleShape;
    private final boolean fromUnitRange;

    private DataSetIteratorSource(DataSetIterator iterator, Shape sampleShape, boolean fromUnitRange) {
        this.iterator = iterator;
        this.sampleShape = sampleShape;
        this.fromUnitRange = fromUnitRange;
    }

    /**
     * Uses the features as they are.
     *
     * @param iterator    the iterator; it must support {@code reset()}
     * @param sampleShape the shape of one sample; features are reshaped to it
     * @return the source
     */
    public static DataSetIteratorSource of(DataSetIterator iterator, Shape sampleShape) {
        return create(iterator, sampleShape, false);
    }

    /**
     * Maps features from [0, 1] to [-1, 1] (x ↦ 2x − 1).
     *
     * @param iterator    the iterator; it must support {@code reset()}
     * @param sampleShape the shape of one sample; features are reshaped to it
     * @return the source
     */
    public static DataSetIteratorSource fromUnitRange(DataSetIterator iterator, Shape sampleShape) {
        return create(iterator, sampleShape, true);
    }

    private static DataSetIteratorSource create(DataSetIterator iterator, Shape sampleShape, boolean fromUnitRange) {
        Objects.requireNonNull(iterator, "iterator == null");
        Objects.requireNonNull(sampleShape, "sampleShape == null");
        if (!iterator.resetSupported()) {
            throw new IllegalArgumentException("iterator must support reset() but " + iterator.getClass().getName()
                    + " does not");
        }
        return new DataSetIteratorSource(iterator, sampleShape, fromUnitRange);
    }

    @Override
    public Shape sampleShape() {
        return sampleShape;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.empty();
    }

    @Override
    public SampleCursor open(long seed) {
        iterator.reset();
        int sampleSize = Math.toIntExact(sampleShape.size());
        return new SampleCursor() {
            private float[] batch = new float[0];
            private int position;

            @Override
            public boolean next(float[] destination, int offset) {
                while (position * sampleSize >= batch.length) {
                    if (!iterator.hasNext()) {
                        return false;
                    }
                    batch = load(iterator.next().getFeatures(), sampleSize);
                    position = 0;
                }
                System.arraycopy(batch, position * sampleSize, destination, offset, sampleSize);
                position++;
                return true;
            }
        };
    }

    private float[] load(org.nd4j.linalg.api.ndarray.INDArray features, int sampleSize) {
        if (features.length() % sampleSize != 0 || features.size(0) * sampleSize != features.length()) {
            throw new IllegalArgumentException("iterator features of shape " + Arrays.toString(features.shape())
                    + " do not hold samples of shape " + sampleShape);
        }
        float[] values = features.castTo(DataType.FLOAT).dup('c').data().asFloat();
        if (fromUnitRange) {
            for (int i = 0; i < values.length; i++) {
                values[i] = 2f * values[i] - 1f;
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "DataSetIteratorSource(" + iterator.getClass().getSimpleName() + ", " + sampleShape + ")";
    }
}
