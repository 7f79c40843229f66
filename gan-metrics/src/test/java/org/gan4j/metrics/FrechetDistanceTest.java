package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
        assertThat(r.fid()).as("vs symmetric eig").isCloseTo(symmetric, within(1e-9 * Math.max(1, Math.abs(symmetric))));
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
