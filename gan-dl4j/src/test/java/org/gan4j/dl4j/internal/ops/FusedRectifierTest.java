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
}
