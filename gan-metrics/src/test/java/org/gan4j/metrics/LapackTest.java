package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LapackTest {

    @Test
    void should_load_openblas_with_the_cpu_backend() {
        assertThat(Lapack.openBlasLoaded()).isTrue();
    }

    @ParameterizedTest(name = "{0}, blocks of {1} rows")
    @CsvSource({"FLOAT, 3", "FLOAT, 512", "DOUBLE, 1", "DOUBLE, 7", "HALF, 4"})
    void should_compute_the_centred_gram_matrix_like_a_plain_double_loop(DataType type, int blockRows) {
        double[][] x = new double[7][5];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = Math.sin(3 * i + j) + 0.1 * j;
            }
        }
        INDArray input = Nd4j.createFromArray(x).castTo(type);
        double[][] rounded = input.castTo(DataType.DOUBLE).toDoubleMatrix();
        CentredGram g = CentredGram.of(input.transpose().dup('f').transpose(), "x", blockRows);
        for (int a = 0; a < 5; a++) {
            double mean = 0;
            for (int i = 0; i < 7; i++) {
                mean += rounded[i][a] / 7;
            }
            assertThat(g.mean[a]).isCloseTo(mean, within(1e-14));
        }
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                double expected = 0;
                for (int i = 0; i < 7; i++) {
                    expected += (rounded[i][a] - g.mean[a]) * (rounded[i][b] - g.mean[b]);
                }
                assertThat(g.coMoment.getDouble(a, b)).as("M[%d, %d]", a, b).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void should_name_the_first_non_finite_feature() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 4, 3);
        x.putScalar(2, 1, Float.NaN);
        assertThatThrownBy(() -> CentredGram.of(x, "real features"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("real features must be finite but holds NaN at [2, 1]");
    }

    @Test
    void should_factor_and_transform_like_the_definitions() {
        Nd4j.getRandom().setSeed(5);
        INDArray r1 = Nd4j.randn(DataType.DOUBLE, 40, 6);
        INDArray r2 = Nd4j.randn(DataType.DOUBLE, 40, 6);
        INDArray a = r1.transpose().mmul(r1).dup('f');
        INDArray b = r2.transpose().mmul(r2).dup('f');
        INDArray l = a.dup('f');
        assertThat(Lapack.choleskyInPlace(l)).isTrue();
        INDArray lower = Nd4j.create(DataType.DOUBLE, 6, 6);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j <= i; j++) {
                lower.putScalar(i, j, l.getDouble(i, j));
            }
        }
        assertThat(lower.mmul(lower.transpose()).sub(a).amaxNumber().doubleValue()).isLessThan(1e-12);
        INDArray m = b.dup('f');
        Lapack.congruenceInPlace(l, m);
        INDArray expected = lower.transpose().mmul(b).mmul(lower);
        assertThat(m.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-10);
        INDArray singular = Nd4j.createFromArray(new double[][] {{1, 1}, {1, 1}}).dup('f');
        assertThat(Lapack.choleskyInPlace(Nd4j.createFromArray(new double[][] {{1, 2}, {2, 1}}).dup('f'))).isFalse();
        assertThat(Lapack.choleskyInPlace(singular.sub(Nd4j.eye(2).castTo(DataType.DOUBLE).muli(1e-3)).dup('f')))
                .isFalse();
    }

    @Test
    void should_give_the_same_eigenpairs_by_divide_and_conquer_and_by_qr_iteration() {
        Nd4j.getRandom().setSeed(3);
        INDArray m = Nd4j.randn(DataType.DOUBLE, 300, 200);
        INDArray spd = m.transpose().mmul(m);
        INDArray[] qr = Lapack.symmetricEigen(spd, true, false);
        INDArray[] dc = Lapack.symmetricEigen(spd, true, true);
        INDArray[] valuesOnly = Lapack.symmetricEigen(spd, false, true);
        double scale = qr[0].amaxNumber().doubleValue();
        assertThat(dc[0].sub(qr[0]).amaxNumber().doubleValue()).isLessThan(1e-12 * scale);
        assertThat(valuesOnly[0].sub(qr[0]).amaxNumber().doubleValue()).isLessThan(1e-12 * scale);
        INDArray rebuilt = dc[1].mulRowVector(dc[0].reshape(1, 200)).mmul(dc[1].transpose());
        assertThat(rebuilt.sub(spd).amaxNumber().doubleValue()).isLessThan(1e-11 * scale);
    }
}
