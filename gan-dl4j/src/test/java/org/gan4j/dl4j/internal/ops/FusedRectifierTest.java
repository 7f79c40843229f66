package org.gan4j.dl4j.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ReLU and leaky ReLU as a fused op against their closed forms, PyTorch's slope at exactly 0 included. */
class FusedRectifierTest {

    @ParameterizedTest(name = "alpha {0}")
    @ValueSource(doubles = {0.0, 0.2})
    void should_compute_the_activation_its_slope_and_its_gradient(double alpha) {
        SplittableRandom random = new SplittableRandom(8);
        INDArray x = TestArrays.uniform(random, 4, 3, 5, 5);
        x.putScalar(0, 0.0);
        x.putScalar(7, 0.0);
        INDArray w = TestArrays.uniform(random, 4, 3, 5, 5);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("x", x.dup());
        SDVariable[] out = new FusedRectifier(sd, in.mul(1.0), alpha).outputVariables();
        SDVariable loss = out[0].mul(sd.constant(w)).sum();
        OutAndGrad r = ExecutionPlan.outputsAndGradients(sd, Map.of(), List.of(loss.name(), out[0].name(), out[1].name()), List.of("x"));
        INDArray y = r.getOutputs().get(out[0].name());
        INDArray slope = r.getOutputs().get(out[1].name());
        INDArray dx = r.getGradients().get("x");
        double expectedLoss = 0;
        for (long i = 0; i < x.length(); i++) {
            double v = x.getDouble(i);
            double s = v > 0 ? 1 : alpha;
            expectedLoss += s * v * w.getDouble(i);
            assertThat(y.getDouble(i)).as("y(%s)", v).isCloseTo(s * v, within(1e-7));
            assertThat(slope.getDouble(i)).as("slope(%s)", v).isCloseTo(s, within(1e-7));
            assertThat(dx.getDouble(i)).as("dL/dx at %s", v).isCloseTo(s * w.getDouble(i), within(1e-6));
        }
        assertThat(r.getOutputs().get(loss.name()).getDouble(0)).isCloseTo(expectedLoss, within(1e-4));
    }

    /** Several chunks of 4,096 values, a partial last one, two halves on two threads; subnormals and signed zeros. */
    @ParameterizedTest(name = "alpha {0}, {1} ND4J threads")
    @org.junit.jupiter.params.provider.CsvSource({"0.0, 1", "0.2, 2", "0.3, 1"})
    void should_compute_the_slope_of_every_value_of_a_large_batch(double alpha, int threads) {
        SplittableRandom random = new SplittableRandom(9);
        INDArray x = TestArrays.uniform(random, 3, 7, 33, 41);
        float[] special = {Float.MIN_VALUE, -Float.MIN_VALUE, 0f, -0f, 1e-40f, -1e-40f, Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int k = 0; k < special.length; k++) {
            x.putScalar(3500L * k + 5, special[k]);
        }
        SameDiff sd = SameDiff.create();
        SDVariable[] out = new FusedRectifier(sd, sd.placeHolder("x", org.nd4j.linalg.api.buffer.DataType.FLOAT, x.shape()),
                alpha).outputVariables();
        int before = OpenMpThreads.current();
        OpenMpThreads.set(threads);
        Map<String, INDArray> r;
        try {
            r = new ExecutionPlan(sd, List.of(out[0].name(), out[1].name())).run(Map.of("x", x));
        } finally {
            OpenMpThreads.set(before);
        }
        float[] v = x.data().asFloat();
        float[] y = r.get(out[0].name()).data().asFloat();
        float[] slope = r.get(out[1].name()).data().asFloat();
        for (int i = 0; i < v.length; i++) {
            float s = v[i] > 0 ? 1f : (float) alpha;
            assertThat(slope[i]).as("slope(%s) at %d", v[i], i).isEqualTo(s);
            assertThat(y[i]).as("y(%s) at %d", v[i], i).isEqualTo(v[i] * s);
        }
    }
}
