package org.gan4j.data;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.gan4j.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Samples held in memory, shuffled afresh on every pass by a seeded permutation.
 *
 * @since 0.1.0
 */
public final class InMemoryDataSource implements GanDataSource {
    private final float[] values;
    private final Shape sampleShape;
    private final int count;
    private final int sampleSize;
    private final int[] labels;
    private final int classes;

    private InMemoryDataSource(float[] values, Shape sampleShape, int[] labels, int classes) {
        this.values = values;
        this.sampleShape = sampleShape;
        this.sampleSize = Math.toIntExact(sampleShape.size());
        this.count = values.length / sampleSize;
        this.labels = labels;
        this.classes = classes;
    }

    /**
     * Copies the samples of an array [n, sampleShape...] (any floating-point type; stored as float).
     *
     * @param samples the samples, first dimension the sample index
     * @return the source
     */
    public static InMemoryDataSource of(INDArray samples) {
        Objects.requireNonNull(samples, "samples == null");
        if (samples.rank() < 2 || samples.size(0) < 1) {
            throw new IllegalArgumentException("samples must have shape [n >= 1, sample dims...] but was "
                    + java.util.Arrays.toString(samples.shape()));
        }
        long[] shape = samples.shape();
        long[] dims = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        float[] values = samples.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return new InMemoryDataSource(values, Shape.of(dims), null, 0);
    }

    /**
     * Wraps row-major sample values without copying them.
     *
     * @param values      n samples of {@code sampleShape.size()} values each
     * @param sampleShape the shape of one sample
     * @return the source
     */
    public static InMemoryDataSource of(float[] values, Shape sampleShape) {
        Objects.requireNonNull(values, "values == null");
        Objects.requireNonNull(sampleShape, "sampleShape == null");
        if (values.length == 0 || values.length % sampleShape.size() != 0) {
            throw new IllegalArgumentException("values length must be a positive multiple of the sample size "
                    + sampleShape.size() + " but was " + values.length);
        }
        return new InMemoryDataSource(values, sampleShape, null, 0);
    }

    /**
     * The same samples with a class label each, for conditional GANs.
     *
     * @param labels  one class per sample, in sample order, each in [0, classes)
     * @param classes the number of classes, &gt;= 2
     * @return a labelled source sharing this one's values
     */
    public InMemoryDataSource withLabels(int[] labels, int classes) {
        Objects.requireNonNull(labels, "labels == null");
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2 but was " + classes);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("labels must have one entry per sample (" + count + ") but had " + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + classes + ") but was " + labels[i]);
            }
        }
        return new InMemoryDataSource(values, sampleShape, labels.clone(), classes);
    }

    @Override
    public int classes() {
        return classes;
    }

    /** @return the number of samples */
    public int count() {
        return count;
    }

    @Override
    public Shape sampleShape() {
        return sampleShape;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(count);
    }

    @Override
    public SampleCursor open(long seed) {
        int[] order = permutation(count, seed);
        return new SampleCursor() {
            private int position;
            private int last = -1;

            @Override
            public boolean next(float[] destination, int offset) {
                if (position == count) {
                    return false;
                }
                last = order[position++];
                System.arraycopy(values, last * sampleSize, destination, offset, sampleSize);
                return true;
            }

            @Override
            public int label() {
                if (labels == null) {
                    throw new UnsupportedOperationException("this data source has no labels");
                }
                if (last < 0) {
                    throw new IllegalStateException("label() before next()");
                }
                return labels[last];
            }
        };
    }

    /** Fisher–Yates permutation of 0..n-1 from a seeded generator. */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public String toString() {
        return "InMemoryDataSource(" + count + " x " + sampleShape + (classes == 0 ? "" : ", " + classes + " classes") + ")";
    }
}
