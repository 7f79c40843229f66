package org.gan4j.dl4j.density;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/** Expectation-maximisation for {@link GaussianMixture}, in the order of Bishop's §9.2.2. */
final class GaussianMixtureFit {
    private GaussianMixtureFit() {
    }

    static GaussianMixture fit(double[][] x, int k, long seed) {
        Objects.requireNonNull(x, "points == null");
        if (k < 1) {
            throw new IllegalArgumentException("components must be >= 1 but was " + k);
        }
        if (x.length < k || x.length == 0) {
            throw new IllegalArgumentException("points must hold at least components = " + k + " points but held " + x.length);
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d || d == 0 || Arrays.stream(x[i]).anyMatch(v -> !Double.isFinite(v))) {
                throw new IllegalArgumentException("points[" + i + "] must hold " + d + " finite values but was "
                        + Arrays.toString(x[i]));
            }
        }
        double[][] means = kMeansPlusPlus(x, k, new SplittableRandom(seed));
        double[][] shared = covariance(x, uniformResponsibilities(x.length), 0, mean(x));
        double[] weights = new double[k];
        double[][][] covariances = new double[k][][];
        Arrays.fill(weights, 1.0 / k);
        Arrays.fill(covariances, shared);
        GaussianMixture model = new GaussianMixture(weights, means, covariances);
        double previous = Double.NEGATIVE_INFINITY;
        for (int iteration = 0; iteration < GaussianMixture.MAX_ITERATIONS; iteration++) {
            double[][] gamma = new double[x.length][];
            double logLikelihood = 0;
            for (int n = 0; n < x.length; n++) {
                double[] terms = model.componentLogDensities(x[n]);
                double total = GaussianMixture.logSumExp(terms);
                logLikelihood += total / x.length;
                for (int j = 0; j < k; j++) {
                    terms[j] = Math.exp(terms[j] - total);
                }
                gamma[n] = terms;
            }
            if (logLikelihood - previous < GaussianMixture.TOLERANCE) {
                break;
            }
            previous = logLikelihood;
            for (int j = 0; j < k; j++) {
                double nk = 0;
                double[] mu = new double[d];
                for (int n = 0; n < x.length; n++) {
                    nk += gamma[n][j];
                    for (int a = 0; a < d; a++) {
                        mu[a] += gamma[n][j] * x[n][a];
                    }
                }
                nk = Math.max(nk, 10 * Double.MIN_NORMAL);
                for (int a = 0; a < d; a++) {
                    mu[a] /= nk;
                }
                weights[j] = nk / x.length;
                means[j] = mu;
                covariances[j] = covariance(x, gamma, j, mu);
            }
            model = new GaussianMixture(weights, means, covariances);
        }
        return model;
    }

    /** Σ = Σ_n γ_nj (x_n − μ)(x_n − μ)ᵀ / Σ_n γ_nj + 10⁻⁶·I. */
    private static double[][] covariance(double[][] x, double[][] gamma, int j, double[] mu) {
        int d = mu.length;
        double[][] c = new double[d][d];
        double total = 0;
        for (int n = 0; n < x.length; n++) {
            double g = gamma[n][j];
            total += g;
            for (int a = 0; a < d; a++) {
                double da = x[n][a] - mu[a];
                for (int b = 0; b <= a; b++) {
                    c[a][b] += g * da * (x[n][b] - mu[b]);
                }
            }
        }
        total = Math.max(total, 10 * Double.MIN_NORMAL);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                c[a][b] /= total;
                c[b][a] = c[a][b];
            }
            c[a][a] += GaussianMixture.REGULARISATION;
        }
        return c;
    }

    private static double[][] uniformResponsibilities(int n) {
        double[][] g = new double[n][1];
        for (double[] row : g) {
            row[0] = 1;
        }
        return g;
    }

    private static double[] mean(double[][] x) {
        double[] mu = new double[x[0].length];
        for (double[] p : x) {
            for (int a = 0; a < mu.length; a++) {
                mu[a] += p[a] / x.length;
            }
        }
        return mu;
    }

    /** k-means++ seeding: the first centre uniformly, each next one with probability ∝ squared distance to the nearest. */
    private static double[][] kMeansPlusPlus(double[][] x, int k, SplittableRandom random) {
        double[][] centres = new double[k][];
        centres[0] = x[random.nextInt(x.length)].clone();
        double[] nearest = new double[x.length];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int n = 0; n < x.length; n++) {
                nearest[n] = Math.min(nearest[n], squaredDistance(x[n], centres[c - 1]));
                total += nearest[n];
            }
            double u = random.nextDouble() * total;
            int chosen = x.length - 1;
            for (int n = 0; n < x.length; n++) {
                u -= nearest[n];
                if (u < 0) {
                    chosen = n;
                    break;
                }
            }
            centres[c] = x[chosen].clone();
        }
        return centres;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }
}
