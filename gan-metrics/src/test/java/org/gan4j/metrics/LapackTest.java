package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LapackTest {

    @Test
    void should_load_openblas_with_the_cpu_backend() {
        assertThat(Lapack.openBlasLoaded()).isTrue();
    }

    @Test
    void should_compute_the_gram_matrix_like_a_plain_double_loop() {
        double[][] x = new double[7][5];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = Math.sin(3 * i + j) + 0.1 * j;
            }
        }
        INDArray gram = Lapack.gram(Nd4j.createFromArray(x));
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                double expected = 0;
                for (int i = 0; i < 7; i++) {
                    expected += x[i][a] * x[i][b];
                }
                assertThat(gram.getDouble(a, b)).isCloseTo(expected, within(1e-12));
            }
        }
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
