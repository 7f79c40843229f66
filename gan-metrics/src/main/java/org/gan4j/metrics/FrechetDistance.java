package org.gan4j.metrics;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Fréchet distance between two Gaussians fitted to feature sets, the core of the Fréchet Inception Distance
 * (Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", NeurIPS 2017):
 * FID = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2·tr √(Σ₁Σ₂), with μ the mean and Σ the unbiased covariance (n − 1), in
 * float64, as pytorch-fid computes it.
 *
 * <p>tr √(Σ₁Σ₂) comes from a symmetric eigenvalue problem with Σ₁Σ₂'s eigenvalues ({@link RootTrace}): when Σ₁ is
 * positive definite, the eigenvalues alone of LᵀΣ₂L with Σ₁ = LLᵀ (Cholesky); otherwise (rank-deficient statistics,
 * n ≤ d, constant features) the eigenvalues of √Σ₁·Σ₂·√Σ₁ through Σ₁'s eigenvectors, the 2048² decomposition the
 * first route avoids (5.8 → 1.2 s of the distance on 2048-dimensional features at one thread). No complex
 * arithmetic, never an imaginary part; tiny negative eigenvalues from rounding are clamped to 0 and reported.
 * pytorch-fid's scipy {@code sqrtm} route agrees to about 1e-13 relative on full-rank inputs and 1e-8 on singular
 * ones; its eps·I retry for non-finite square roots has no counterpart here (the symmetric routes do not fail that
 * way). Identical inputs give |FID| below 1e-9.
 *
 * @since 0.1.0
 */
public final class FrechetDistance {
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
        boolean rankDeficient = s1.count() <= s1.dimension() || s2.count() <= s2.dimension();
        FidResult r = distance(s1.mean(), s1.coMoment(), s1.covarianceScale(), s2.mean(), s2.coMoment(),
                s2.covarianceScale(), !rankDeficient);
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
        int d = (int) mu1.length();
        requireSquare("sigma1", sigma1, d);
        requireSquare("sigma2", sigma2, d);
        return distance(mu1, Matrices.denseDouble(sigma1), 1.0, mu2, Matrices.denseDouble(sigma2), 1.0, true);
    }

    /** Σ = scale·(M + Mᵀ)/2 for each moment M; {@code congruence} false when Σ₁ is known to be singular. */
    private static FidResult distance(INDArray mu1, INDArray moment1, double scale1, INDArray mu2, INDArray moment2,
            double scale2, boolean congruence) {
        INDArray m1 = mu1.castTo(DataType.DOUBLE).reshape(mu1.length());
        INDArray m2 = mu2.castTo(DataType.DOUBLE).reshape(mu2.length());
        if (m2.length() != m1.length()) {
            throw new IllegalArgumentException("mu2 must have " + m1.length() + " elements but has " + m2.length());
        }
        INDArray diff = m1.sub(m2);
        double meanTerm = diff.mul(diff).sumNumber().doubleValue();
        RootTrace root = RootTrace.of(moment1, scale1, moment2, scale2, congruence);
        double traceA = scale1 * Matrices.trace(moment1);
        double traceB = scale2 * Matrices.trace(moment2);
        double fid = meanTerm + traceA + traceB - 2 * root.value;
        return new FidResult(fid, meanTerm, traceA, traceB, root.value, 0, 0, (int) m1.length(), false, root.clamped,
                root.largestClamped);
    }

    private static void requireSquare(String name, INDArray m, int d) {
        if (m.rank() != 2 || m.size(0) != d || m.size(1) != d) {
            throw new IllegalArgumentException(name + " must have shape [" + d + ", " + d + "] but was "
                    + java.util.Arrays.toString(m.shape()));
        }
    }

}
