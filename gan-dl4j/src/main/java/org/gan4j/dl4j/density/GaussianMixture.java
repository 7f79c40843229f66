package org.gan4j.dl4j.density;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A mixture of K full-covariance Gaussians in d dimensions,
 * <pre>
 *   p(z) = Σ_k π_k · N(z; μ_k, Σ_k)
 * </pre>
 * fitted by expectation-maximisation (Dempster, Laird and Rubin 1977; Bishop, "Pattern Recognition and Machine
 * Learning", §9.2.2): k-means++ seeding of the means (Arthur and Vassilvitskii 2007), then alternating
 * responsibilities γ_nk ∝ π_k·N(z_n; μ_k, Σ_k) and the weighted maximum-likelihood π, μ, Σ (Σ_k + 10⁻⁶·I against
 * singular components, as scikit-learn's {@code reg_covar}) until the mean log-likelihood improves by less than
 * 10⁻⁶ or 500 iterations. Fitted to a VAE's posterior means, it is the "ex-post density" that replaces the prior
 * N(0, I) for sampling (Ghosh et al., "From Variational to Deterministic Autoencoders", ICLR 2020: 10 components).
 *
 * @since 0.1.0
 */
public final class GaussianMixture {
    static final double REGULARISATION = 1e-6;
    static final int MAX_ITERATIONS = 500;
    static final double TOLERANCE = 1e-6;

    private final double[] weights;
    private final double[][] means;
    private final double[][][] covariances;
    private final Cholesky[] factors;

    GaussianMixture(double[] weights, double[][] means, double[][][] covariances) {
        this.weights = weights.clone();
        this.means = Arrays.stream(means).map(double[]::clone).toArray(double[][]::new);
        this.covariances = Arrays.stream(covariances).map(c -> Arrays.stream(c).map(double[]::clone)
                .toArray(double[][]::new)).toArray(double[][][]::new);
        this.factors = Arrays.stream(covariances).map(Cholesky::new).toArray(Cholesky[]::new);
    }

    /**
     * Fits a mixture by EM.
     *
     * @param points     the data [n][d], n &gt;= components, every value finite
     * @param components K, &gt;= 1
     * @param seed       the seed of the k-means++ seeding
     * @return the fitted mixture
     */
    public static GaussianMixture fit(double[][] points, int components, long seed) {
        return GaussianMixtureFit.fit(points, components, seed);
    }

    /**
     * @param points     the data [n, d]
     * @param components K, &gt;= 1
     * @param seed       the seed of the k-means++ seeding
     * @return the fitted mixture
     */
    public static GaussianMixture fit(INDArray points, int components, long seed) {
        Objects.requireNonNull(points, "points == null");
        if (points.rank() != 2) {
            throw new IllegalArgumentException("points must have shape [n, d] but was " + Arrays.toString(points.shape()));
        }
        return fit(points.castTo(DataType.DOUBLE).toDoubleMatrix(), components, seed);
    }

    /** @return K */
    public int components() {
        return weights.length;
    }

    /** @return d */
    public int dimension() {
        return means[0].length;
    }

    /** @return π, the mixture weights */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * @param k a component
     * @return μ_k
     */
    public double[] mean(int k) {
        return means[k].clone();
    }

    /**
     * @param k a component
     * @return Σ_k
     */
    public double[][] covariance(int k) {
        return Arrays.stream(covariances[k]).map(double[]::clone).toArray(double[][]::new);
    }

    /**
     * @param z a point [d]
     * @return log p(z), computed with the log-sum-exp of the components
     */
    public double logDensity(double[] z) {
        double[] terms = componentLogDensities(z);
        return logSumExp(terms);
    }

    /** @return log π_k + log N(z; μ_k, Σ_k) for every k */
    double[] componentLogDensities(double[] z) {
        int d = z.length;
        double[] terms = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            terms[k] = Math.log(weights[k]) - 0.5 * (d * Math.log(2 * Math.PI) + factors[k].logDeterminant()
                    + factors[k].mahalanobis(z, means[k]));
        }
        return terms;
    }

    static double logSumExp(double[] terms) {
        double max = Arrays.stream(terms).max().orElseThrow();
        if (Double.isInfinite(max)) {
            return max;
        }
        double s = 0;
        for (double t : terms) {
            s += Math.exp(t - max);
        }
        return max + Math.log(s);
    }

    /**
     * Draws from the mixture: a component by its weight, then μ_k + L_k·e with L_k·L_kᵀ = Σ_k and e ~ N(0, I).
     *
     * @param n      the number of draws, &gt;= 1
     * @param random the generator
     * @return draws [n, d], float32
     */
    public INDArray sample(int n, SplittableRandom random) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1 but was " + n);
        }
        Objects.requireNonNull(random, "random == null");
        int d = dimension();
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int k = 0;
            for (double cumulative = weights[0]; u >= cumulative && k < weights.length - 1; cumulative += weights[++k]) {
                // k advances until the cumulative weight exceeds u
            }
            double[] e = new double[d];
            for (int j = 0; j < d; j++) {
                e[j] = gaussian(random);
            }
            double[] z = factors[k].transform(e, means[k]);
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) z[j];
            }
        }
        return Nd4j.create(out, new long[] {n, d}, 'c');
    }

    /** A standard normal draw by the Box-Muller transform. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    @Override
    public String toString() {
        return "GaussianMixture(components=" + components() + ", dimension=" + dimension() + ", weights="
                + Arrays.toString(weights) + ")";
    }
}
