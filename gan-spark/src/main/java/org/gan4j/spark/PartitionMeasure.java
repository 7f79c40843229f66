package org.gan4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.metric.FeatureExtractor;
import org.gan4j.metrics.FeatureMoments;
import org.gan4j.metrics.FeatureStatistics;
import org.gan4j.metrics.InceptionScore;
import org.gan4j.metrics.InceptionScoreSums;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The work of one partition: features and logits of its images, batch by batch in index order, folded into moments,
 * Inception-Score sums and the subsample rows. Every batch is checked in Java before it reaches native code: pixels
 * finite and in [−1, 1] here, the shape by the extractor itself (the bundled classifier takes [1, 28, 28] only, an ONNX
 * Inception any size with 1 or 3 channels); a refusal names the partition, the record and the images' indices.
 */
final class PartitionMeasure {
    /** One partition's share, sent to the driver. */
    record Result(int partition, long count, FeatureMoments moments, InceptionScoreSums isSums, long[] subsampleIndices,
                  double[][] subsample) implements Serializable {
    }

    private final int partition;
    private final FeatureExtractor extractor;
    private final long total;
    private final long stride;
    private FeatureMoments moments;
    private InceptionScoreSums isSums;
    private long count;
    private final List<Long> indices = new ArrayList<>();
    private final List<double[]> rows = new ArrayList<>();

    PartitionMeasure(int partition, FeatureExtractor extractor, long total, long stride) {
        this.partition = partition;
        this.extractor = extractor;
        this.total = total;
        this.stride = stride;
        this.moments = FeatureMoments.empty(extractor.featureDimension());
    }

    /**
     * @param record     the record's position in this partition, for messages
     * @param firstIndex the global index of the first image
     * @param images     [b, shape...] in [−1, 1]
     */
    void add(int record, long firstIndex, INDArray images) {
        String where = "partition " + partition + ", record " + record + " (images " + firstIndex + ".."
                + (firstIndex + images.size(0) - 1) + ")";
        if (firstIndex + images.size(0) > total) {
            throw new IllegalArgumentException(where + ": indices beyond the set's " + total + " images");
        }
        float[] pixels = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int perImage = pixels.length / (int) images.size(0);
        for (int i = 0; i < pixels.length; i++) {
            if (!(pixels[i] >= -1f && pixels[i] <= 1f)) {
                throw new IllegalArgumentException(where + ": image " + (firstIndex + i / perImage) + " holds " + pixels[i]
                        + " at pixel " + (i % perImage) + "; pixels must be finite and in [-1, 1]");
            }
        }
        INDArray[] featuresAndLogits;
        try {
            featuresAndLogits = extractor.featuresAndLogits(images);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        moments = moments.merge(FeatureMoments.of(FeatureStatistics.of(featuresAndLogits[0])));
        InceptionScoreSums sums = InceptionScoreSums.of(featuresAndLogits[1], firstIndex, total,
                (int) Math.min(InceptionScore.DEFAULT_SPLITS, total));
        isSums = isSums == null ? sums : isSums.merge(sums);
        INDArray features = featuresAndLogits[0].castTo(DataType.DOUBLE);
        for (int i = 0; i < images.size(0); i++) {
            long index = firstIndex + i;
            if (index % stride == 0) {
                indices.add(index);
                rows.add(features.getRow(i).dup().data().asDouble());
            }
        }
        count += images.size(0);
    }

    Result result() {
        return new Result(partition, count, moments, isSums, indices.stream().mapToLong(Long::longValue).toArray(),
                rows.toArray(new double[0][]));
    }
}
