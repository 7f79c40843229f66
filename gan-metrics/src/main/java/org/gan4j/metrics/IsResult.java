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

    /**
     * @param splitScores the score of each split
     * @return their mean and population standard deviation
     * @since 0.1.0
     */
    public static IsResult of(double[] splitScores) {
        double mean = java.util.Arrays.stream(splitScores).average().orElseThrow(
                () -> new IllegalArgumentException("splitScores must not be empty"));
        double var = java.util.Arrays.stream(splitScores).map(v -> (v - mean) * (v - mean)).sum() / splitScores.length;
        return new IsResult(mean, Math.sqrt(var), splitScores.clone());
    }
}
