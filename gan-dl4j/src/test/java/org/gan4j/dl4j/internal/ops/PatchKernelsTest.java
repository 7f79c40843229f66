package org.gan4j.dl4j.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float scatter (a transposed convolution C → 1, image by image) against its definition written out element by
 * element in double, y[n, y·s + i − p, x·s + j − p] += Σ_c W[i, j, c]·x[n, c, y, x], at one and two threads (odd batches
 * split unevenly; channel counts with and without a remainder of the four-row loop).
 */
class PatchKernelsTest {

    static double[][][] definition(INDArray x, INDArray w, int stride, int pad, boolean flipped, int height, int width) {
        int n = (int) x.size(0);
        int channels = (int) x.size(1);
        int kernel = (int) w.size(0);
        double[][][] y = new double[n][height][width];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < channels; c++) {
                for (int my = 0; my < x.size(2); my++) {
                    for (int mx = 0; mx < x.size(3); mx++) {
                        for (int i = 0; i < kernel; i++) {
                            for (int j = 0; j < kernel; j++) {
                                int row = my * stride + i - pad;
                                int col = mx * stride + j - pad;
                                if (row < 0 || row >= height || col < 0 || col >= width) {
                                    continue;
                                }
                                int wi = flipped ? kernel - 1 - i : i;
                                int wj = flipped ? kernel - 1 - j : j;
                                y[b][row][col] += w.getDouble(wi, wj, 0, c) * x.getDouble(b, c, my, mx);
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    @ParameterizedTest(name = "{0} images, {1} channels {2}×{2}, k{3} s{4} p{5}, flipped {6}, {7} threads")
    @CsvSource({"5,7,6,4,2,1,false,1", "5,7,6,4,2,1,false,2", "4,8,5,3,1,1,true,2", "3,2,4,5,2,2,false,2",
            "1,9,7,7,1,3,true,2"})
    void should_equal_the_transposed_convolution_by_definition(int n, int channels, int size, int kernel, int stride,
                                                                int pad, boolean flipped, int threads) {
        SplittableRandom random = new SplittableRandom(5);
        INDArray x = TestArrays.uniform(random, n, channels, size, size);
        INDArray w = TestArrays.uniform(random, kernel, kernel, 1, channels);
        int out = flipped ? size : (size - 1) * stride - 2 * pad + kernel;
        INDArray y = Nd4j.create(DataType.FLOAT, n, 1, out, out).assign(Double.NaN);
        int before = OpenMpThreads.current();
        OpenMpThreads.set(threads);
        try {
            Runnable scatter = PatchKernels.scatter(x, w, stride, pad, flipped, y);
            scatter.run();
            scatter.run();
        } finally {
            OpenMpThreads.set(before);
        }
        double[][][] expected = definition(x, w, stride, pad, flipped, out, out);
        for (int b = 0; b < n; b++) {
            for (int r = 0; r < out; r++) {
                for (int c = 0; c < out; c++) {
                    assertThat(y.getDouble(b, 0, r, c)).as("y[%d, 0, %d, %d]", b, r, c)
                            .isCloseTo(expected[b][r][c], org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }
}
