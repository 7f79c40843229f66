package org.gan4j.dl4j.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.dl4j.internal.ops.TestArrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;

/**
 * Gradients a plan computes alone (a convolution's input gradient as a transposed convolution, one side of a
 * product) against direct double-precision sums of L = Σ y ⊙ r, whose gradients are ∂L/∂x_{n,c,i,j} =
 * Σ r_{n,o,p,q} W_{a,b,c,o} over the output positions (p, q) that read (i, j) through kernel tap (a, b).
 */
class NarrowedGradientTest {
    final SplittableRandom random = new SplittableRandom(11);

    /** The last case drops a row and a column ((15 + 2 − 4) is odd): no transposed convolution fits, conv2d_bp runs. */
    @ParameterizedTest(name = "C {0} → {1}, {2}×{2}, kernel {3}, stride {4}, padding {5}, bias {6}")
    @CsvSource({
        "3, 5, 14, 4, 2, 1, false, true",
        "2, 4, 9, 5, 2, 2, true, true",
        "4, 3, 6, 3, 1, 1, true, true",
        "3, 2, 15, 4, 2, 1, false, false"})
    void should_match_the_direct_sum_for_the_input_gradient_of_a_convolution(int in, int out, int size, int k, int s,
            int p, boolean bias, boolean narrowed) {
        int n = 2;
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, n, in, size, size);
        INDArray w = TestArrays.uniform(random, k, k, in, out);
        INDArray b = TestArrays.uniform(random, out);
        Conv2DConfig config = Conv2DConfig.builder().kH(k).kW(k).sH(s).sW(s).pH(p).pW(p).dataFormat("NCHW")
                .build();
        SDVariable y = bias ? sd.cnn.conv2d(x, sd.var("W", w), sd.var("b", b), config) : sd.cnn.conv2d(x, sd.var("W", w), config);
        long outSize = (size + 2L * p - k) / s + 1;
        INDArray r = TestArrays.uniform(random, n, out, outSize, outSize);
        y.mul(sd.constant(r)).sum().rename("loss");
        sd.setLossVariables("loss");
        sd.createGradFunction();
        INDArray xs = TestArrays.uniform(random, n, in, size, size);
        String xGrad = sd.getVariable("x").getGradient().name();

        ExecutionPlan plan = new ExecutionPlan(sd.getFunction("grad"), List.of(xGrad));
        INDArray got = plan.run(Map.of("x", xs)).get(xGrad);

        double[][][][] expected = new double[n][in][size][size];
        for (int m = 0; m < n; m++) {
            for (int o = 0; o < out; o++) {
                for (int pi = 0; pi < outSize; pi++) {
                    for (int qj = 0; qj < outSize; qj++) {
                        for (int a = 0; a < k; a++) {
                            for (int bb = 0; bb < k; bb++) {
                                int i = (int) (pi * s - p + a);
                                int j = (int) (qj * s - p + bb);
                                if (i < 0 || j < 0 || i >= size || j >= size) {
                                    continue;
                                }
                                for (int c = 0; c < in; c++) {
                                    expected[m][c][i][j] += r.getDouble(m, o, pi, qj) * w.getDouble(a, bb, c, o);
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int m = 0; m < n; m++) {
            for (int c = 0; c < in; c++) {
                for (int i = 0; i < size; i++) {
                    for (int j = 0; j < size; j++) {
                        assertThat(got.getDouble(m, c, i, j)).as("∂L/∂x[%d,%d,%d,%d]", m, c, i, j)
                                .isCloseTo(expected[m][c][i][j], org.assertj.core.api.Assertions.within(1e-4));
                    }
                }
            }
        }
        assertThat(plan.stepKinds()).as("the steps run")
                .contains(narrowed ? "deconv2d for conv2d_bp" : "conv2d_bp")
                .doesNotContain(narrowed ? "conv2d_bp" : "deconv2d for conv2d_bp");
    }

    @ParameterizedTest(name = "wanted: {0}")
    @CsvSource({"x", "W", "both"})
    void should_match_the_closed_form_for_one_side_of_a_product(String wanted) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", TestArrays.uniform(random, 5, 7));
        INDArray w = TestArrays.uniform(random, 7, 3);
        INDArray r = TestArrays.uniform(random, 5, 3);
        x.mmul(sd.var("W", w)).mul(sd.constant(r)).sum().rename("loss");
        sd.setLossVariables("loss");
        sd.createGradFunction();
        String xGrad = sd.getVariable("x").getGradient().name();
        String wGrad = sd.getVariable("W").getGradient().name();
        List<String> requested = switch (wanted) {
            case "x" -> List.of(xGrad);
            case "W" -> List.of(wGrad);
            default -> List.of(xGrad, wGrad);
        };
        ExecutionPlan plan = new ExecutionPlan(sd.getFunction("grad"), requested);
        Map<String, INDArray> out = plan.run(Map.of());
        INDArray xs = sd.getVariable("x").getArr();
        if (requested.contains(xGrad)) {
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 7; j++) {
                    double e = 0;
                    for (int o = 0; o < 3; o++) {
                        e += r.getDouble(i, o) * w.getDouble(j, o);
                    }
                    assertThat(out.get(xGrad).getDouble(i, j)).isCloseTo(e, org.assertj.core.api.Assertions.within(1e-5));
                }
            }
        }
        if (requested.contains(wGrad)) {
            for (int j = 0; j < 7; j++) {
                for (int o = 0; o < 3; o++) {
                    double e = 0;
                    for (int i = 0; i < 5; i++) {
                        e += xs.getDouble(i, j) * r.getDouble(i, o);
                    }
                    assertThat(out.get(wGrad).getDouble(j, o)).isCloseTo(e, org.assertj.core.api.Assertions.within(1e-5));
                }
            }
        }
        assertThat(plan.stepKinds()).contains(wanted.equals("both") ? "matmul_bp" : "matmul for matmul_bp");
    }
}
