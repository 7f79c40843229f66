package org.gan4j.dl4j.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.gan4j.dl4j.internal.ops.TestArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The gradient-norm helper of the training phases, against a plain double-precision sum. */
class PhaseGraphTest {

    static double squares(INDArray a) {
        double sum = 0;
        INDArray d = a.dup('c');
        for (long i = 0; i < d.length(); i++) {
            sum += d.getDouble(i) * d.getDouble(i);
        }
        return sum;
    }

    @Test
    void should_sum_squares_of_contiguous_arrays_and_of_views() {
        SplittableRandom random = new SplittableRandom(3);
        INDArray contiguous = TestArrays.uniform(random, 3, 4, 5);
        INDArray view = TestArrays.uniform(random, 6, 7).transpose();
        assertThat(PhaseGraph.sumOfSquares(contiguous)).isCloseTo(squares(contiguous), within(1e-5));
        assertThat(PhaseGraph.sumOfSquares(view)).isCloseTo(squares(view), within(1e-5));
        assertThat(squares(contiguous)).isGreaterThan(1);
    }
}
