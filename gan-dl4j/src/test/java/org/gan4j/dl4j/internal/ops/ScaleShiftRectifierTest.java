package org.gan4j.dl4j.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm at inference with its rectifier against the closed form max(v, α·v), v = x·s[c] + t[c]: the Java pass
 * (float, one thread and two) and the native route (double), on feature vectors and on images.
 */
class ScaleShiftRectifierTest {

    @ParameterizedTest(name = "alpha {0}, rank {1}, {2}, {3} ND4J threads")
    @CsvSource({
        "0.0, 4, FLOAT, 1", "0.2, 4, FLOAT, 2", "1.0, 4, FLOAT, 2", "0.0, 2, FLOAT, 2", "0.2, 2, FLOAT, 1",
        "0.0, 4, DOUBLE, 1", "0.2, 2, DOUBLE, 1", "1.0, 4, DOUBLE, 1"})
    void should_apply_the_per_channel_affine_map_and_the_rectifier(double alpha, int rank, DataType type, int threads) {
        SplittableRandom random = new SplittableRandom(31);
        long[] shape = rank == 4 ? new long[] {5, 3, 4, 6} : new long[] {7, 9};
        int channels = (int) shape[1];
        INDArray x = TestArrays.uniform(random, shape).muli(2).castTo(type);
        INDArray scale = TestArrays.uniform(random, 1, channels).muli(1.5).castTo(type);
        INDArray shift = TestArrays.uniform(random, channels).muli(0.5).castTo(type);
        SameDiff sd = SameDiff.create();
        SDVariable y = new ScaleShiftRectifier(sd, sd.placeHolder("x", type, shape), sd.var("s", scale),
                sd.var("t", shift), alpha).outputVariable();
        int before = OpenMpThreads.current();
        OpenMpThreads.set(threads);
        INDArray out;
        try {
            out = new ExecutionPlan(sd, List.of(y.name())).run(Map.of("x", x)).get(y.name());
        } finally {
            OpenMpThreads.set(before);
        }
        int spatial = (int) (x.length() / shape[0] / channels);
        int negatives = 0;
        for (long i = 0; i < x.length(); i++) {
            int c = (int) (i / spatial % channels);
            double v = x.getDouble(i) * scale.getDouble(c) + shift.getDouble(c);
            negatives += v < 0 ? 1 : 0;
            assertThat(out.getDouble(i)).as("y[%d]", i).isCloseTo(v > 0 ? v : alpha * v, within(1e-6));
        }
        assertThat(negatives).as("both sides of the rectifier are exercised").isBetween(5, (int) x.length() - 5);
    }

    @Test
    void should_refuse_a_slope_outside_zero_to_one_and_a_scale_of_the_wrong_size() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.ones(DataType.FLOAT, 2, 3));
        SDVariable s = sd.var("s", Nd4j.ones(DataType.FLOAT, 3));
        assertThatThrownBy(() -> new ScaleShiftRectifier(sd, x, s, s, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("alpha must be in [0, 1] but was 1.5");
        SDVariable wrong = sd.var("w", Nd4j.ones(DataType.FLOAT, 4));
        SDVariable y = new ScaleShiftRectifier(sd, x, wrong, s, 0).outputVariable();
        assertThatThrownBy(() -> new ExecutionPlan(sd, List.of(y.name())).run(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gan4j_scale_shift_rectifier needs x [N, C] or [N, C, H, W] and C scales and"
                        + " shifts but got [2, 3], [4] and [3]");
    }
}
