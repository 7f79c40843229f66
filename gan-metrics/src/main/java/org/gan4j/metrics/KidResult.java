package org.gan4j.metrics;

/**
 * A Kernel Inception Distance: the mean and population standard deviation of the unbiased MMD² over the subsets.
 *
 * @param mean       the mean of the subset estimates
 * @param std        their population standard deviation
 * @param subsets    the number of subsets
 * @param subsetSize the samples drawn from each set per subset
 *
 * @since 0.1.0
 */
public record KidResult(double mean, double std, int subsets, int subsetSize) {
}
