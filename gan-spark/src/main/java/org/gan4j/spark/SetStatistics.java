package org.gan4j.spark;

import java.io.Serializable;
import org.gan4j.metrics.FeatureMoments;
import org.gan4j.metrics.InceptionScoreSums;
import org.gan4j.metrics.IsResult;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a distributed pass over one image set leaves on the driver: the float64 feature moments (for FID), the
 * Inception-Score sums, and the features of a deterministic subsample (every s-th image by global index, for KID and
 * precision/recall, which need the vectors themselves).
 *
 * @param count       images measured
 * @param partitions  partitions that measured them
 * @param moments     feature moments, merged in partition order
 * @param isSums      Inception-Score sums per split
 * @param stride      the subsample keeps images whose index is a multiple of this
 * @param subsample   the subsample's features, [m, d] row-major float64, in index order
 *
 * @since 0.1.0
 * @serial exclude
 */
public record SetStatistics(long count, int partitions, FeatureMoments moments, InceptionScoreSums isSums, long stride,
                            double[][] subsample) implements Serializable {

    /** @return the Inception Score of the set (10 splits, no shuffle, as {@code InceptionScore.fromLogits}) */
    public IsResult inceptionScore() {
        return isSums.result();
    }

    /** @return the subsample's features as an INDArray [m, d] */
    public INDArray subsampleFeatures() {
        return Nd4j.createFromArray(subsample);
    }
}
