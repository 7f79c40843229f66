package org.gan4j.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The mean and covariance of a set of feature vectors, accumulated batch by batch in float64 so that 50,000 samples
 * need neither image files nor all features in memory. Batches are merged with Chan, Golub and LeVeque's pairwise
 * update (mean, and co-moment M = Σ (x − μ)(x − μ)ᵀ), so the result does not depend on how the samples are split
 * into batches, up to rounding. The covariance is the unbiased one, M/(n − 1), as numpy's {@code np.cov} and
 * pytorch-fid use. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class FeatureStatistics {
    private final int dimension;
    private long count;
    private INDArray mean;
    private INDArray coMoment;

    /**
     * @param dimension the feature dimension, &gt;= 1
     */
    public FeatureStatistics(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1 but was " + dimension);
        }
        this.dimension = dimension;
        this.mean = Nd4j.zeros(DataType.DOUBLE, 1, dimension);
        this.coMoment = Nd4j.zeros(DataType.DOUBLE, dimension, dimension);
    }

    /**
     * @param features all features at once, [n, d]
     * @return their statistics
     */
    public static FeatureStatistics of(INDArray features) {
        Objects.requireNonNull(features, "features == null");
        if (features.rank() != 2) {
            throw new IllegalArgumentException("features must have shape [n, d] but was " + Arrays.toString(features.shape()));
        }
        FeatureStatistics s = new FeatureStatistics((int) features.size(1));
        s.add(features);
        return s;
    }

    /**
     * Adds a batch of feature vectors.
     *
     * @param batch features [b, d], any floating-point type (converted to float64)
     * @return this
     */
    public FeatureStatistics add(INDArray batch) {
        Objects.requireNonNull(batch, "batch == null");
        if (batch.rank() != 2 || batch.size(1) != dimension) {
            throw new IllegalArgumentException("batch must have shape [b, " + dimension + "] but was "
                    + Arrays.toString(batch.shape()));
        }
        long b = batch.size(0);
        if (b == 0) {
            return this;
        }
        CentredGram g = CentredGram.of(batch, "features");
        INDArray batchMean = Nd4j.createFromArray(g.mean).reshape(1, dimension);
        INDArray batchCoMoment = g.coMoment;
        if (count == 0) {
            mean = batchMean;
            coMoment = batchCoMoment;
        } else {
            double total = count + b;
            INDArray delta = batchMean.sub(mean);
            mean = mean.add(delta.mul(b / total));
            coMoment = coMoment.add(batchCoMoment).addi(delta.transpose().mmul(delta).muli(count * (double) b / total));
        }
        count += b;
        return this;
    }

    /** @return statistics with the given moments (validated by {@link FeatureMoments}) */
    static FeatureStatistics ofMoments(long count, double[] mean, double[] coMoment) {
        FeatureStatistics s = new FeatureStatistics(mean.length);
        s.count = count;
        s.mean = Nd4j.createFromArray(mean).reshape(1, mean.length);
        s.coMoment = Nd4j.createFromArray(coMoment).reshape(mean.length, mean.length);
        return s;
    }

    /** @return the co-moment M = Σ (x − μ)(x − μ)ᵀ, row-major float64 */
    double[] coMomentValues() {
        return coMoment.dup('c').data().asDouble();
    }

    /** @return the number of samples added */
    public long count() {
        return count;
    }

    /** @return the feature dimension */
    public int dimension() {
        return dimension;
    }

    /** @return the mean, a float64 vector of length d (a copy) */
    public INDArray mean() {
        return mean.reshape(dimension).dup();
    }

    /**
     * @return the unbiased covariance M/(n − 1), float64 [d, d] (a copy)
     * @throws IllegalStateException with fewer than 2 samples
     */
    public INDArray covariance() {
        return Matrices.symmetricCopy(coMoment, covarianceScale(), null);
    }

    /** @return the co-moment M itself (not a copy), float64 [d, d], dense */
    INDArray coMoment() {
        return coMoment;
    }

    /**
     * @return 1/(n − 1), the factor from co-moment to unbiased covariance
     * @throws IllegalStateException with fewer than 2 samples
     */
    double covarianceScale() {
        if (count < 2) {
            throw new IllegalStateException("a covariance needs at least 2 samples but " + count + " were added");
        }
        return 1.0 / (count - 1);
    }
}
