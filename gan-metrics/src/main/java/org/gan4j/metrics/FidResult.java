package org.gan4j.metrics;

/**
 * A Fréchet distance with the diagnostics a reader needs to trust it.
 *
 * @param fid                     ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2·tr √(Σ₁Σ₂)
 * @param meanTerm                ‖μ₁ − μ₂‖²
 * @param traceSigma1             tr Σ₁
 * @param traceSigma2             tr Σ₂
 * @param traceCovMean            tr √(Σ₁Σ₂)
 * @param count1                  samples in the first set
 * @param count2                  samples in the second set
 * @param dimension               the feature dimension
 * @param rankDeficient           true when a set has no more samples than dimensions (its covariance is singular)
 * @param clampedEigenvalues      negative eigenvalues set to 0 in the two symmetric square roots
 * @param largestClampedMagnitude the largest |λ| among them (0 when none)
 *
 * @since 0.1.0
 */
public record FidResult(double fid, double meanTerm, double traceSigma1, double traceSigma2, double traceCovMean,
                        long count1, long count2, int dimension, boolean rankDeficient, int clampedEigenvalues,
                        double largestClampedMagnitude) {
}
