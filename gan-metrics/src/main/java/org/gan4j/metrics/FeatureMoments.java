package org.gan4j.metrics;

import java.io.Serializable;
import java.util.Objects;

/**
 * The moments of a set of feature vectors in a form that travels (serializable, plain float64 arrays) and merges:
 * count n, mean μ and co-moment M = Σ (x − μ)(x − μ)ᵀ. Two disjoint parts A and B merge by Chan, Golub and LeVeque's
 * pairwise update ("Updating formulae and a pairwise algorithm for computing sample variances", 1979):
 * <pre>
 *   n = n_A + n_B,   δ = μ_B − μ_A,   μ = μ_A + δ·n_B/n,   M = M_A + M_B + δδᵀ·n_A·n_B/n
 * </pre>
 * the same update {@link FeatureStatistics#add} applies between batches, so statistics merged from parts in a fixed
 * order equal those of the whole set up to rounding. For distributed FID: each part of the samples returns its
 * moments, and the driver merges them in part order.
 *
 * @param count    n, &gt;= 0
 * @param mean     μ, length d
 * @param coMoment M, row-major d × d
 *
 * @since 0.1.0
 * @serial exclude
 */
public record FeatureMoments(long count, double[] mean, double[] coMoment) implements Serializable {

    /**
     * Validates the parts.
     *
     * @param count    n, &gt;= 0
     * @param mean     μ, length d
     * @param coMoment M, row-major d × d
     */
    public FeatureMoments {
        Objects.requireNonNull(mean, "mean == null");
        Objects.requireNonNull(coMoment, "coMoment == null");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 but was " + count);
        }
        if (mean.length < 1 || coMoment.length != (long) mean.length * mean.length) {
            throw new IllegalArgumentException("mean must have length d >= 1 and coMoment d * d but had " + mean.length
                    + " and " + coMoment.length);
        }
        mean = mean.clone();
        coMoment = coMoment.clone();
    }

    /**
     * @param statistics accumulated statistics
     * @return their moments
     */
    public static FeatureMoments of(FeatureStatistics statistics) {
        Objects.requireNonNull(statistics, "statistics == null");
        return new FeatureMoments(statistics.count(), statistics.mean().data().asDouble(), statistics.coMomentValues());
    }

    /**
     * @param dimension d, &gt;= 1
     * @return the moments of no samples
     */
    public static FeatureMoments empty(int dimension) {
        return new FeatureMoments(0, new double[dimension], new double[dimension * dimension]);
    }

    /** @return μ (a copy) */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** @return M, row-major (a copy) */
    @Override
    public double[] coMoment() {
        return coMoment.clone();
    }

    /** @return d */
    public int dimension() {
        return mean.length;
    }

    /**
     * @param other the moments of another part, disjoint from this one
     * @return the moments of both (this part's samples first)
     */
    public FeatureMoments merge(FeatureMoments other) {
        Objects.requireNonNull(other, "other == null");
        if (other.dimension() != dimension()) {
            throw new IllegalArgumentException("moments of dimension " + other.dimension()
                    + " cannot merge with moments of dimension " + dimension());
        }
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        int d = dimension();
        double total = count + (double) other.count;
        double weight = count * (double) other.count / total;
        double[] delta = new double[d];
        double[] mu = new double[d];
        for (int j = 0; j < d; j++) {
            delta[j] = other.mean[j] - mean[j];
            mu[j] = mean[j] + delta[j] * (other.count / total);
        }
        double[] m = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                m[r * d + c] = coMoment[r * d + c] + other.coMoment[r * d + c] + delta[r] * delta[c] * weight;
            }
        }
        return new FeatureMoments(count + other.count, mu, m);
    }

    /** @return the statistics these moments describe (mean, unbiased covariance), for {@link FrechetDistance} */
    public FeatureStatistics statistics() {
        return FeatureStatistics.ofMoments(count, mean, coMoment);
    }
}
