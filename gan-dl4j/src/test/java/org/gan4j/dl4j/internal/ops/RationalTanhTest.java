package org.gan4j.dl4j.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The rational tanh against {@link Math#tanh} (float64), its limits and special values, and its gradient. */
class RationalTanhTest {

    @Test
    void should_match_tanh_to_four_tenths_of_a_millionth_over_every_float_range() {
        int n = 200_001;
        INDArray x = Nd4j.create(DataType.FLOAT, 1, n);
        for (int i = 0; i < n; i++) {
            x.putScalar(0, i, -12.0 + 24.0 * i / (n - 1));
        }
        float[] special = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1e-30f, -1e-7f, 9f, -9.5f};
        for (int k = 0; k < special.length; k++) {
            x.putScalar(0, 5000L * k + 3, special[k]);
        }
        x.putScalar(0, n - 1, Float.NaN);
        SameDiff sd = SameDiff.create();
        SDVariable y = new RationalTanh(sd, sd.placeHolder("x", DataType.FLOAT, 1, n)).outputVariable();
        float[] out = new ExecutionPlan(sd, List.of(y.name())).run(Map.of("x", x)).get(y.name()).data().asFloat();
        float[] in = x.data().asFloat();
        for (int i = 0; i < n - 1; i++) {
            double expected = Math.tanh(in[i]);
            assertThat((double) out[i]).as("tanh(%s)", in[i]).isCloseTo(expected, within(4e-7));
            if (Math.abs(in[i]) < 1e-3) {
                assertThat((double) out[i]).as("relative near 0: tanh(%s)", in[i])
                        .isCloseTo(expected, within(3e-7 * Math.abs(expected)));
            }
        }
        assertThat(out[5000 * 2 + 3]).as("the sign of 0").isEqualTo(0f);
        assertThat(Float.floatToRawIntBits(out[5000 * 3 + 3])).as("the sign of -0").isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(out[3]).isEqualTo(1f);
        assertThat(out[5003]).isEqualTo(-1f);
        assertThat(out[n - 1]).isNaN();
    }

    @Test
    void should_have_the_gradient_one_minus_y_squared_and_run_double_arrays_natively() {
        INDArray x = Nd4j.createFromArray(-3.0, -0.5, 0.0, 0.25, 2.0).reshape(1, 5);
        INDArray w = Nd4j.createFromArray(0.3, -1.0, 2.0, 0.7, -0.2).reshape(1, 5);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("x", x.dup());
        SDVariable y = new RationalTanh(sd, in.mul(1.0)).outputVariable();
        SDVariable loss = y.mul(sd.constant(w)).sum();
        OutAndGrad r = ExecutionPlan.outputsAndGradients(sd, Map.of(), List.of(loss.name(), y.name()), List.of("x"));
        for (int i = 0; i < 5; i++) {
            double t = Math.tanh(x.getDouble(i));
            assertThat(r.getOutputs().get(y.name()).getDouble(i)).isCloseTo(t, within(1e-12));
            assertThat(r.getGradients().get("x").getDouble(i)).as("dL/dx[%d]", i)
                    .isCloseTo(w.getDouble(i) * (1 - t * t), within(1e-12));
        }
    }
}
