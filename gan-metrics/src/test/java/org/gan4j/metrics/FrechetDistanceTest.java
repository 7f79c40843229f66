package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FrechetDistanceTest {

    static Stream<JsonNode> cases() {
        return StreamSupport.stream(Vectors.json("fid_expected.json").spliterator(), false)
                .filter(c -> !c.get("case").asText().startsWith("retry"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void should_match_pytorch_fid_and_the_symmetric_reference(JsonNode c) {
        FidResult r = FrechetDistance.between(Vectors.matrix(c.get("file_x1").asText()), Vectors.matrix(c.get("file_x2").asText()));
        double symmetric = c.get("fid_symmetric_eig").asDouble();
        double scipy = c.get("fid").asDouble();
        // singular covariances (rank-deficient, constant features): their null-space eigenvalues are rounding noise, so
        // the bar is the two references' own disagreement where that exceeds 1e-9 relative
        double bar = Math.max(1e-9 * Math.max(1, Math.abs(symmetric)), Math.abs(scipy - symmetric));
        assertThat(r.fid()).as("vs symmetric eig").isCloseTo(symmetric, within(bar));
        assertThat(r.fid()).as("vs pytorch-fid").isCloseTo(scipy, within(1e-6 * Math.max(1, Math.abs(scipy))));
        assertThat(r.meanTerm()).isCloseTo(c.get("mean_term").asDouble(), within(1e-9 * Math.max(1, c.get("mean_term").asDouble())));
        assertThat(r.traceSigma1()).isCloseTo(c.get("trace_sigma1").asDouble(), within(1e-9 * c.get("trace_sigma1").asDouble()));
        assertThat(r.count1()).isEqualTo(c.get("n1").asLong());
        assertThat(r.dimension()).isEqualTo(c.get("d").asInt());
        assertThat(r.rankDeficient()).isEqualTo(c.get("n1").asLong() <= c.get("d").asLong() || c.get("n2").asLong() <= c.get("d").asLong());
    }

    @Test
    void should_give_zero_for_identical_sets() {
        INDArray x = Vectors.matrix("fid_relu_600x96_x1.csv");
        FidResult r = FrechetDistance.between(x, x.dup());
        assertThat(Math.abs(r.fid())).isLessThan(1e-9);
    }

    @Test
    void should_give_the_dimension_for_unit_mean_shift_and_identity_covariances() {
        int d = 2048;
        long t0 = System.nanoTime();
        INDArray eye = Nd4j.eye(d).castTo(DataType.DOUBLE);
        FidResult r = FrechetDistance.between(Nd4j.zeros(DataType.DOUBLE, d), eye, Nd4j.ones(DataType.DOUBLE, d), eye);
        assertThat(r.fid()).isCloseTo(2048.0, within(1e-9 * 2048));
        assertThat(r.clampedEigenvalues()).isZero();
        System.err.printf("FID 2048 took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Commuting covariances Σ₁ = Q·diag(a)·Qᵀ, Σ₂ = Q·diag(b)·Qᵀ (Q a Householder reflection) have the closed form
     * tr √(Σ₁Σ₂) = Σ √(aᵢbᵢ); a positive definite Σ₁ takes the Cholesky route, one with zero eigenvalues the
     * eigenvector route.
     */
    @ParameterizedTest(name = "zero eigenvalues in sigma1: {0}")
    @ValueSource(ints = {0, 40})
    void should_match_the_closed_form_of_commuting_covariances_on_either_route(int zeros) {
        int d = 300;
        double[] a = new double[d];
        double[] b = new double[d];
        double expected = 0;
        for (int i = 0; i < d; i++) {
            a[i] = i < zeros ? 0 : 0.5 + Math.sin(i) * Math.sin(i) * 4;
            b[i] = 0.1 + (i % 7) * 0.3;
            expected += a[i] + b[i] - 2 * Math.sqrt(a[i] * b[i]);
        }
        INDArray v = Nd4j.create(DataType.DOUBLE, d, 1);
        for (int i = 0; i < d; i++) {
            v.putScalar(i, 0, Math.cos(0.7 * i) + 0.2);
        }
        INDArray q = Nd4j.eye(d).castTo(DataType.DOUBLE).subi(v.mmul(v.transpose()).muli(2 / v.mul(v).sumNumber().doubleValue()));
        INDArray sigma1 = q.mulRowVector(Nd4j.createFromArray(a).reshape(1, d)).mmul(q.transpose());
        INDArray sigma2 = q.mulRowVector(Nd4j.createFromArray(b).reshape(1, d)).mmul(q.transpose());
        INDArray mu = Nd4j.zeros(DataType.DOUBLE, d);
        FidResult r = FrechetDistance.between(mu, sigma1, mu, sigma2);
        assertThat(r.fid()).isCloseTo(expected, within((zeros == 0 ? 1e-10 : 1e-6) * expected));
        assertThat(r.traceCovMean()).isGreaterThan(0);
    }

    @Test
    void should_not_depend_on_the_batch_size_of_streaming_statistics() {
        INDArray x = Vectors.matrix("fid_gauss_500x64_x1.csv");
        FeatureStatistics whole = FeatureStatistics.of(x);
        for (int batch : new int[] {1, 7, 500}) {
            FeatureStatistics s = new FeatureStatistics(64);
            for (int start = 0; start < 500; start += batch) {
                s.add(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, Math.min(500, start + batch)),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()));
            }
            assertThat(s.count()).isEqualTo(500);
            double meanError = s.mean().sub(whole.mean()).amaxNumber().doubleValue();
            double covError = s.covariance().sub(whole.covariance()).amaxNumber().doubleValue();
            assertThat(meanError).as("mean, batch %d", batch).isLessThan(1e-12);
            assertThat(covError).as("covariance, batch %d", batch).isLessThan(1e-12);
        }
    }
}
