package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KidAndPrecisionRecallTest {

    /** The unbiased MMD² with the cubic kernel, written out in plain Java. */
    static double mmd(double[][] x, double[][] y) {
        int m = x.length;
        int d = x[0].length;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    xx += Math.pow(dot(x[i], x[j]) / d + 1, 3);
                    yy += Math.pow(dot(y[i], y[j]) / d + 1, 3);
                }
                xy += Math.pow(dot(x[i], y[j]) / d + 1, 3);
            }
        }
        return (xx + yy) / (m * (m - 1.0)) - 2 * xy / ((double) m * m);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void should_match_the_written_out_estimator_when_a_subset_is_the_whole_set() {
        INDArray x = Vectors.matrix("fid_gauss_500x64_x1.csv").get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 60),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray y = Vectors.matrix("fid_gauss_500x64_x2.csv").get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 60),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        KidResult r = KernelInceptionDistance.between(x, y, 3, 60, 1);
        double expected = mmd(x.toDoubleMatrix(), y.toDoubleMatrix());
        assertThat(r.mean()).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
        assertThat(r.std()).isCloseTo(0.0, within(1e-9 * Math.abs(expected)));
    }

    @Test
    void should_be_near_zero_for_samples_of_one_distribution_and_positive_for_shifted_ones() {
        Nd4j.getRandom().setSeed(3);
        INDArray a = Nd4j.randn(DataType.DOUBLE, 400, 16);
        INDArray b = Nd4j.randn(DataType.DOUBLE, 400, 16);
        KidResult same = KernelInceptionDistance.between(a, b, 20, 200, 7);
        KidResult shifted = KernelInceptionDistance.between(a, b.add(1.0), 20, 200, 7);
        assertThat(Math.abs(same.mean())).isLessThan(0.05);
        assertThat(shifted.mean()).isGreaterThan(10 * Math.abs(same.mean())).isGreaterThan(0.1);
        assertThat(KernelInceptionDistance.between(a, b, 20, 200, 7)).isEqualTo(same);
    }

    @Test
    void should_count_points_inside_the_other_sets_nearest_neighbour_balls() {
        // real 0, 1, 2, 3 with k = 1: radius 1 each; generated 0.5 and 10: radius 9.5 each
        INDArray real = Nd4j.create(new double[][] {{0}, {1}, {2}, {3}});
        INDArray generated = Nd4j.create(new double[][] {{0.5}, {10}});
        PrecisionRecall pr = PrecisionRecall.of(real, generated, 1);
        assertThat(pr.precision()).isEqualTo(0.5);
        assertThat(pr.recall()).isEqualTo(1.0);
        assertThat(PrecisionRecall.of(generated, real, 1).recall()).isEqualTo(0.5);
    }

    @Test
    void should_refuse_bad_arguments() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3);
        assertThatThrownBy(() -> PrecisionRecall.of(x, x, 5)).hasMessage("k must be in [1, 4] but was 5");
        assertThatThrownBy(() -> KernelInceptionDistance.between(x, x, 1, 6, 0))
                .hasMessage("subsetSize must be in [2, 5] but was 6");
        assertThatThrownBy(() -> KernelInceptionDistance.between(x, Nd4j.rand(DataType.DOUBLE, 5, 2), 1, 3, 0))
                .hasMessage("features must have shapes [n1, d] and [n2, d] but were [5, 3] and [5, 2]");
    }
}
