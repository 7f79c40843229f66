package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inputs that are not what a metric is defined on are refused, naming the first bad value; before, they gave numbers
 * (an Inception Score of 2.20 from negative probabilities, a FID of −0.899 from a non-covariance, plausible precision
 * and recall with a NaN feature, "LAPACK info −5" for NaN features).
 */
class InvalidMetricInputTest {

    @Test
    void should_refuse_rows_that_are_not_probability_distributions() {
        INDArray negative = Nd4j.create(new double[][] {{0.5, 0.5}, {1.2, -0.2}});
        assertThatThrownBy(() -> InceptionScore.fromProbabilities(negative, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("probabilities must be >= 0 but row 1 holds -0.2");
        INDArray three = Nd4j.create(new double[][] {{1, 1, 1}, {0.2, 0.3, 0.5}});
        assertThatThrownBy(() -> InceptionScore.fromProbabilities(three, 1))
                .hasMessage("probabilities rows must sum to 1 (within 1.0E-4) but row 0 sums to 3.0");
        assertThatThrownBy(() -> InceptionScore.fromProbabilities(Nd4j.zeros(DataType.DOUBLE, 3, 4), 1))
                .hasMessage("probabilities rows must sum to 1 (within 1.0E-4) but row 0 sums to 0.0");
        INDArray nan = Nd4j.create(new double[][] {{0, 1}, {Double.NaN, 3}});
        assertThatThrownBy(() -> InceptionScore.fromLogits(nan, 1))
                .hasMessage("logits must be finite but holds NaN at [1, 0]");
        // a float32 softmax is within the tolerance
        INDArray fine = Nd4j.create(new float[][] {{0.3333333f, 0.3333333f, 0.3333334f}, {0.1f, 0.7f, 0.2f}});
        assertThat(InceptionScore.fromProbabilities(fine, 1).mean()).isGreaterThan(1);
    }

    @Test
    void should_refuse_a_covariance_that_is_not_positive_semi_definite() {
        INDArray mu = Nd4j.zeros(DataType.DOUBLE, 2);
        INDArray identity = Nd4j.eye(2).castTo(DataType.DOUBLE);
        INDArray indefinite = Nd4j.create(new double[][] {{1, 2}, {2, 1}});
        assertThatThrownBy(() -> FrechetDistance.between(mu, indefinite, mu, identity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sigma1 must be a covariance (positive semi-definite) but has eigenvalue -1.0 (largest magnitude 3.0)");
        assertThatThrownBy(() -> FrechetDistance.between(mu, identity, mu, indefinite))
                .hasMessageStartingWith("sigma2 must be a covariance (positive semi-definite) but has eigenvalue -1.0");
        // rank-deficient (eigenvalue 0) and rounding-level negatives are covariances
        INDArray singular = Nd4j.create(new double[][] {{1, 1}, {1, 1 - 1e-12}});
        assertThat(FrechetDistance.between(mu, singular, mu, singular).fid()).isCloseTo(0, within(1e-5));
    }

    @Test
    void should_refuse_non_finite_features_in_every_feature_metric() {
        INDArray good = Nd4j.rand(DataType.DOUBLE, 20, 3);
        INDArray bad = good.dup();
        bad.putScalar(new long[] {7, 2}, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> FrechetDistance.between(good, bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features must be finite but holds Infinity at [7, 2]");
        assertThatThrownBy(() -> PrecisionRecall.of(bad, good, 3))
                .hasMessage("real features must be finite but holds Infinity at [7, 2]");
        assertThatThrownBy(() -> KernelInceptionDistance.between(good, bad, 2, 10, 1))
                .hasMessage("features2 must be finite but holds Infinity at [7, 2]");
        INDArray mu = Nd4j.create(new double[] {0, Double.NaN});
        assertThatThrownBy(() -> FrechetDistance.between(mu, Nd4j.eye(2), Nd4j.zeros(2), Nd4j.eye(2)))
                .hasMessage("mu1 must be finite but holds NaN at [1]");
    }
}
