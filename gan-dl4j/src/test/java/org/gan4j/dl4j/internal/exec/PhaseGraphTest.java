package org.gan4j.dl4j.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.dl4j.Execution;
import org.gan4j.dl4j.internal.ops.TestArrays;
import org.gan4j.dl4j.internal.optim.NetworkUpdater;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training phase on a least-squares problem with a closed-form gradient, L(w) = ½·mean_i (x_i·w − y_i)², ∇L =
 * Xᵀ(Xw − y)/n, under both execution strategies: the loss it returns, the gradient norm, the SGD update, the copied
 * output; and the gradient-norm helper against a plain double-precision sum.
 */
class PhaseGraphTest {
    private static final double[][] X = {{1, 2, -1}, {0.5, -3, 2}, {2, 0, 1}, {-1, 1, 1}};
    private static final double[] Y = {1, -2, 0.5, 3};
    private static final double LEARNING_RATE = 0.05;

    @ParameterizedTest
    @EnumSource(Execution.class)
    void should_return_the_loss_measure_the_gradient_and_apply_the_update(Execution execution) {
        double[] w = {0.3, -0.2, 0.1};
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);
        SDVariable weight = sd.var("w", Nd4j.create(w, new long[] {3, 1}, DataType.FLOAT));
        SDVariable residual = x.mmul(weight).sub("residual", y);
        residual.mul(residual).mean().mul("loss", 0.5);
        NetworkUpdater updater = new NetworkUpdater(OptimizerSpec.sgd(LEARNING_RATE), Map.of("w", weight.getArr()));
        PhaseGraph phase = new PhaseGraph("generator", sd, "loss", updater, List.of(), execution);
        phase.measureGradientNorm();
        INDArray residualCopy = Nd4j.zeros(DataType.FLOAT, 4, 1);
        phase.copyOutput("residual", residualCopy);
        Map<String, INDArray> placeholders = Map.of(
                "x", Nd4j.create(X).castTo(DataType.FLOAT), "y", Nd4j.create(Y, new long[] {4, 1}, DataType.FLOAT));

        for (int step = 1; step <= 3; step++) {
            double[] r = new double[4];
            double loss = 0;
            for (int i = 0; i < 4; i++) {
                r[i] = X[i][0] * w[0] + X[i][1] * w[1] + X[i][2] * w[2] - Y[i];
                loss += 0.5 * r[i] * r[i] / 4;
            }
            double[] gradient = new double[3];
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 4; i++) {
                    gradient[j] += X[i][j] * r[i] / 4;
                }
            }
            assertThat(phase.step(placeholders, 0)).as("loss before update %d", step).isCloseTo(loss, within(1e-5));
            assertThat(phase.lastGradientNorm()).as("gradient norm %d", step)
                    .isCloseTo(Math.sqrt(gradient[0] * gradient[0] + gradient[1] * gradient[1]
                            + gradient[2] * gradient[2]), within(1e-5));
            for (int i = 0; i < 4; i++) {
                assertThat(residualCopy.getDouble(i, 0)).as("copied residual %d", i).isCloseTo(r[i], within(1e-5));
            }
            for (int j = 0; j < 3; j++) {
                w[j] -= LEARNING_RATE * gradient[j];
                assertThat(weight.getArr().getDouble(j, 0)).as("w[%d] after step %d", j, step).isCloseTo(w[j], within(1e-5));
            }
        }
        assertThat(phase.compiled()).isEqualTo(execution == Execution.COMPILED);
    }

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
