package org.gan4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Consecutive images of a set, as a record of a Spark dataset: the global index of the first, the shape of one
 * image, and the pixels in [−1, 1] (row-major float32). The length is checked against the shape when the chunk is
 * made, and again on the executor against the feature extractor's input before any pixel reaches native code.
 *
 * @param firstIndex the global index of the first image, &gt;= 0
 * @param shape      one image's shape, e.g. [1, 28, 28]
 * @param pixels     count × shape pixels
 *
 * @since 0.1.0
 * @serial exclude
 */
public record ImageChunk(long firstIndex, long[] shape, float[] pixels) implements Serializable {

    /**
     * Validates the chunk.
     *
     * @param firstIndex the global index of the first image, &gt;= 0
     * @param shape      one image's shape
     * @param pixels     count × shape pixels
     */
    public ImageChunk {
        Objects.requireNonNull(shape, "shape == null");
        Objects.requireNonNull(pixels, "pixels == null");
        long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (firstIndex < 0 || shape.length == 0 || Arrays.stream(shape).anyMatch(s -> s < 1) || pixels.length % size != 0) {
            throw new IllegalArgumentException("an image chunk needs firstIndex >= 0, a shape of positive sizes and a"
                    + " whole number of images, but had firstIndex " + firstIndex + ", shape " + Arrays.toString(shape)
                    + " and " + pixels.length + " pixels");
        }
        shape = shape.clone();
    }

    /** @return the number of images */
    public int count() {
        return (int) (pixels.length / Arrays.stream(shape).reduce(1, (a, b) -> a * b));
    }

    /** @return one image's shape (a copy) */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the images as [count, shape...] float32 */
    public INDArray images() {
        long[] full = new long[shape.length + 1];
        full[0] = count();
        System.arraycopy(shape, 0, full, 1, shape.length);
        return Nd4j.create(pixels, full, DataType.FLOAT);
    }

    /**
     * @param sc         the Spark context
     * @param images     a set [n, shape...] in [−1, 1] held by the driver (e.g. read from an IDX file)
     * @param chunk      images per chunk, &gt;= 1
     * @param partitions Spark partitions, &gt;= 1
     * @return the set as chunks in order, spread over the partitions
     */
    public static JavaRDD<ImageChunk> distribute(JavaSparkContext sc, INDArray images, int chunk, int partitions) {
        Objects.requireNonNull(images, "images == null");
        if (chunk < 1 || partitions < 1) {
            throw new IllegalArgumentException("chunk and partitions must be >= 1 but were " + chunk + " and " + partitions);
        }
        long n = images.size(0);
        long[] shape = Arrays.copyOfRange(images.shape(), 1, images.rank());
        List<ImageChunk> chunks = new ArrayList<>();
        for (long from = 0; from < n; from += chunk) {
            INDArray part = images.get(NDArrayIndex.interval(from, Math.min(n, from + chunk))).castTo(DataType.FLOAT).dup('c');
            chunks.add(new ImageChunk(from, shape, part.data().asFloat()));
        }
        return sc.parallelize(chunks, Math.max(1, Math.min(partitions, chunks.size())));
    }
}
