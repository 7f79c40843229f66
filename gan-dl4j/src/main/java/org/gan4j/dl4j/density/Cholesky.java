package org.gan4j.dl4j.density;

/** The Cholesky factor L (lower triangular, L·Lᵀ = A) of a symmetric positive-definite matrix, and what it gives. */
final class Cholesky {
    private final double[][] l;

    /**
     * @param a a symmetric positive-definite matrix [d][d]
     * @throws IllegalArgumentException if it is not positive definite
     */
    Cholesky(double[][] a) {
        int d = a.length;
        l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalArgumentException("matrix is not positive definite (pivot " + i + " is " + sum + ")");
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
    }

    /** @return log det A = 2 Σ log L_ii */
    double logDeterminant() {
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += Math.log(l[i][i]);
        }
        return 2 * s;
    }

    /** @return (x − μ)ᵀ A⁻¹ (x − μ), by forward substitution L·y = x − μ and |y|² */
    double mahalanobis(double[] x, double[] mu) {
        int d = l.length;
        double[] y = new double[d];
        double s = 0;
        for (int i = 0; i < d; i++) {
            double v = x[i] - mu[i];
            for (int k = 0; k < i; k++) {
                v -= l[i][k] * y[k];
            }
            y[i] = v / l[i][i];
            s += y[i] * y[i];
        }
        return s;
    }

    /** @return μ + L·e, a draw of N(μ, A) from standard normal e */
    double[] transform(double[] e, double[] mu) {
        int d = l.length;
        double[] x = mu.clone();
        for (int i = 0; i < d; i++) {
            for (int k = 0; k <= i; k++) {
                x[i] += l[i][k] * e[k];
            }
        }
        return x;
    }
}
