package org.gan4j.metrics;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Fréchet distance between two Gaussians fitted to feature sets, the core of the Fréchet Inception Distance
 * (Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", NeurIPS 2017):
 * FID = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2·tr √(Σ₁Σ₂), with μ the mean and Σ the unbiased covariance (n − 1), in
 * float64, as pytorch-fid computes it.
 *
 * <p>tr √(Σ₁Σ₂) is computed through the symmetric matrix √Σ₁·Σ₂·√Σ₁, which has the same eigenvalues as Σ₁Σ₂ and is
 * positive semi-definite: with Σ₁ = V·Λ·Vᵀ it is V·(Λ^½·VᵀΣ₂V·Λ^½)·Vᵀ, so one symmetric eigendecomposition with
 * vectors (Σ₁) and one of eigenvalues only (Λ^½·VᵀΣ₂V·Λ^½) give it: no complex arithmetic, never an imaginary part. Tiny
 * negative eigenvalues from rounding are clamped to 0 and reported. pytorch-fid's scipy {@code sqrtm} route agrees to
 * about 1e-13 relative on full-rank inputs and 1e-8 on singular ones; its eps·I retry for non-finite square roots
 * has no counterpart here (the symmetric route does not fail that way). Identical inputs give |FID| below 1e-9.
 *
 * @since 0.1.0
 */
public final class FrechetDistance {
    /** Negative eigenvalues tolerated in a covariance, relative to its largest magnitude: rounding, not structure. */
    static final double NEGATIVE_EIGENVALUE_TOLERANCE = 1e-6;

    private FrechetDistance() {
    }

    /**
     * @param features1 the first set [n₁, d]
     * @param features2 the second set [n₂, d]
     * @return the distance and its diagnostics
     */
    public static FidResult between(INDArray features1, INDArray features2) {
        return between(FeatureStatistics.of(features1), FeatureStatistics.of(features2));
    }

    /**
     * @param s1 statistics of the first set
     * @param s2 statistics of the second set
     * @return the distance and its diagnostics
     */
    public static FidResult between(FeatureStatistics s1, FeatureStatistics s2) {
        Objects.requireNonNull(s1, "s1 == null");
        Objects.requireNonNull(s2, "s2 == null");
        if (s1.dimension() != s2.dimension()) {
            throw new IllegalArgumentException("feature dimensions differ: " + s1.dimension() + " and " + s2.dimension());
        }
        FidResult r = between(s1.mean(), s1.covariance(), s2.mean(), s2.covariance());
        boolean rankDeficient = s1.count() <= s1.dimension() || s2.count() <= s2.dimension();
        return new FidResult(r.fid(), r.meanTerm(), r.traceSigma1(), r.traceSigma2(), r.traceCovMean(), s1.count(),
                s2.count(), s1.dimension(), rankDeficient, r.clampedEigenvalues(), r.largestClampedMagnitude());
    }

    /**
     * The distance between two Gaussians given directly.
     *
     * @param mu1    the first mean [d]
     * @param sigma1 the first covariance [d, d], symmetric positive semi-definite (eigenvalues &gt;= −10⁻⁶ times the
     *               largest magnitude, a covariance's rounding)
     * @param mu2    the second mean [d]
     * @param sigma2 the second covariance [d, d]
     * @return the distance; sample counts in the diagnostics are 0
     * @throws IllegalArgumentException if an input holds a non-finite value or a covariance is not positive
     *                                  semi-definite (a negative "distance" would follow)
     */
    public static FidResult between(INDArray mu1, INDArray sigma1, INDArray mu2, INDArray sigma2) {
        FiniteValues.require(mu1, "mu1");
        FiniteValues.require(sigma1, "sigma1");
        FiniteValues.require(mu2, "mu2");
        FiniteValues.require(sigma2, "sigma2");
        INDArray m1 = mu1.castTo(DataType.DOUBLE).reshape(mu1.length());
        INDArray m2 = mu2.castTo(DataType.DOUBLE).reshape(mu2.length());
        int d = (int) m1.length();
        requireSquare("sigma1", sigma1, d);
        requireSquare("sigma2", sigma2, d);
        INDArray a = symmetrise(sigma1.castTo(DataType.DOUBLE));
        INDArray b = symmetrise(sigma2.castTo(DataType.DOUBLE));
        INDArray diff = m1.sub(m2);
        double meanTerm = diff.mul(diff).sumNumber().doubleValue();

        SymmetricEigen e1 = SymmetricEigen.of(a);
        requirePositiveSemiDefinite("sigma1", e1.values);
        requirePositiveSemiDefinite("sigma2", SymmetricEigen.values(b));
        long dim = e1.values.length();
        INDArray roots = Nd4j.create(DataType.DOUBLE, 1, dim);
        int clamped = 0;
        double largest = 0;
        for (long i = 0; i < dim; i++) {
            double v = e1.values.getDouble(i);
            if (v < 0) {
                clamped++;
                largest = Math.max(largest, -v);
            }
            roots.putScalar(0, i, Math.sqrt(Math.max(v, 0)));
        }
        INDArray scaled = e1.vectors.mulRowVector(roots);
        INDArray rootA = Nd4j.create(DataType.DOUBLE, new long[] {dim, dim}, 'f');
        Nd4j.gemm(scaled, e1.vectors, rootA, false, true, 1.0, 0.0);
        INDArray innerValues = SymmetricEigen.values(symmetrise(symmetrise(rootA).mmul(b).mmul(rootA)));
        double traceCovMean = 0;
        for (long i = 0; i < dim; i++) {
            double v = innerValues.getDouble(i);
            if (v < 0) {
                clamped++;
                largest = Math.max(largest, -v);
            }
            traceCovMean += Math.sqrt(Math.max(v, 0));
        }
        double traceA = Matrices.trace(a);
        double traceB = Matrices.trace(b);
        double fid = meanTerm + traceA + traceB - 2 * traceCovMean;
        return new FidResult(fid, meanTerm, traceA, traceB, traceCovMean, 0, 0, d, false, clamped, largest);
    }

    private static void requireSquare(String name, INDArray m, int d) {
        if (m.rank() != 2 || m.size(0) != d || m.size(1) != d) {
            throw new IllegalArgumentException(name + " must have shape [" + d + ", " + d + "] but was "
                    + java.util.Arrays.toString(m.shape()));
        }
    }

    private static INDArray symmetrise(INDArray m) {
        return m.add(m.transpose()).muli(0.5);
    }


    private static void requirePositiveSemiDefinite(String name, INDArray eigenvalues) {
        double smallest = eigenvalues.minNumber().doubleValue();
        double scale = Math.max(eigenvalues.amaxNumber().doubleValue(), Double.MIN_NORMAL);
        if (smallest < -NEGATIVE_EIGENVALUE_TOLERANCE * scale) {
            throw new IllegalArgumentException(name + " must be a covariance (positive semi-definite) but has eigenvalue "
                    + smallest + " (largest magnitude " + scale + ")");
        }
    }
}
