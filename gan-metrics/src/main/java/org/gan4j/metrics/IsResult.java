package org.gan4j.metrics;

/**
 * An Inception Score: the mean and population standard deviation (ddof 0) of the per-split scores.
 *
 * @param mean        the mean of the split scores
 * @param std         their population standard deviation
 * @param splitScores exp(mean KL(p(y|x) ‖ p(y))) of each split
 *
 * @since 0.1.0
 */
public record IsResult(double mean, double std, double[] splitScores) {
}
