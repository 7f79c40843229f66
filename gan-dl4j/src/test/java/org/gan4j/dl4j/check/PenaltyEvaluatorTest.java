package org.gan4j.dl4j.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.gan4j.Discriminator;
import org.gan4j.ParameterInit;
import org.gan4j.loss.DiscriminatorPenalty;
import org.gan4j.losses.penalty.GradientPenalty;
import org.gan4j.losses.penalty.R1Penalty;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Penalties against closed forms and finite differences over the critic's weights, in double precision. */
class PenaltyEvaluatorTest {

    static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).muli(2).subi(1);
    }

    @Test
    void should_give_nine_for_tf_gans_linear_critic() {
        // D(x) = 2·Σx on 4-dim inputs: gradient (2, 2, 2, 2) of norm 4 everywhere, penalty (4 − 1)² = 9
        Discriminator critic = Discriminator.builder().input(4).dense(1).build();
        Map<String, INDArray> w = Map.of("D/0_dense/W", Nd4j.valueArrayOf(new long[] {4, 1}, 2.0),
                "D/0_dense/b", Nd4j.zeros(DataType.DOUBLE, 1));
        PenaltyEvaluator.Result r = PenaltyEvaluator.evaluate(new GradientPenalty(1.0), critic, w,
                random(1, 3, 4), random(2, 3, 4), Nd4j.rand(DataType.DOUBLE, 3, 1));
        assertThat(r.value()).isCloseTo(9.0, within(1e-9));
        // ∂/∂W of (‖W‖ − 1)² = 2(‖W‖ − 1)·W/‖W‖ = 2·3·2/4 = 3 per entry; the bias does not enter
        assertThat(r.gradients().get("D/0_dense/W").toDoubleVector()).containsExactly(new double[] {3, 3, 3, 3}, within(1e-9));
        assertThat(r.gradients().get("D/0_dense/b").toDoubleVector()).containsOnly(0.0);
    }

    @Test
    void should_give_r1s_closed_form_for_a_linear_critic() {
        Discriminator critic = Discriminator.builder().input(3).dense(1).build();
        INDArray wv = Nd4j.createFromArray(new double[][] {{0.5}, {-1.0}, {2.0}});
        Map<String, INDArray> w = Map.of("D/0_dense/W", wv);
        PenaltyEvaluator.Result r = PenaltyEvaluator.evaluate(new R1Penalty(4.0), critic, w,
                random(3, 5, 3), random(4, 5, 3), Nd4j.rand(DataType.DOUBLE, 5, 1));
        assertThat(r.value()).isCloseTo(4.0 / 2 * (0.25 + 1 + 4), within(1e-12));
        assertThat(r.gradients().get("D/0_dense/W").toDoubleVector()).containsExactly(new double[] {2.0, -4.0, 8.0}, within(1e-12));
    }

    @Test
    void should_match_finite_differences_on_a_small_mlp_critic() {
        Discriminator critic = Discriminator.builder().input(4).weightInit(ParameterInit.normal(0.7))
                .dense(6).leakyRelu(0.2).dense(5).tanh().dense(1).build();
        checkAgainstFiniteDifferences(new GradientPenalty(10.0), critic, random(5, 6, 4), random(6, 6, 4),
                Nd4j.rand(DataType.DOUBLE, 6, 1));
        checkAgainstFiniteDifferences(new R1Penalty(3.0), critic, random(7, 6, 4), random(8, 6, 4),
                Nd4j.rand(DataType.DOUBLE, 6, 1));
    }

    @Test
    void should_match_finite_differences_on_a_small_conv_critic() {
        Discriminator critic = Discriminator.builder().input(2, 6, 6).weightInit(ParameterInit.normal(0.5))
                .conv2d(3, 4, 2, 1).leakyRelu(0.2).deconv2d(2, 3, 1, 1).sigmoid().flatten().dense(1).build();
        checkAgainstFiniteDifferences(new GradientPenalty(10.0), critic, random(9, 3, 2, 6, 6), random(10, 3, 2, 6, 6),
                Nd4j.rand(DataType.DOUBLE, 3, 1, 1, 1));
    }

    static void checkAgainstFiniteDifferences(DiscriminatorPenalty penalty, Discriminator critic, INDArray real,
                                              INDArray fake, INDArray alpha) {
        PenaltyEvaluator.Result r = PenaltyEvaluator.evaluate(penalty, critic, null, real, fake, alpha);
        double h = 1e-6;
        int checked = 0;
        for (Map.Entry<String, INDArray> e : r.weights().entrySet()) {
            INDArray analytic = r.gradients().get(e.getKey());
            for (long i = 0; i < e.getValue().length(); i += Math.max(1, e.getValue().length() / 7)) {
                Map<String, INDArray> up = copy(r.weights());
                Map<String, INDArray> down = copy(r.weights());
                up.get(e.getKey()).putScalar(i, e.getValue().getDouble(i) + h);
                down.get(e.getKey()).putScalar(i, e.getValue().getDouble(i) - h);
                double numeric = (PenaltyEvaluator.evaluate(penalty, critic, up, real, fake, alpha).value()
                        - PenaltyEvaluator.evaluate(penalty, critic, down, real, fake, alpha).value()) / (2 * h);
                double scale = Math.max(1.0, Math.abs(numeric));
                assertThat(analytic.getDouble(i)).as("%s of %s[%d]", penalty, e.getKey(), i)
                        .isCloseTo(numeric, within(1e-6 * scale));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(r.value()).isPositive();
    }

    static Map<String, INDArray> copy(Map<String, INDArray> weights) {
        Map<String, INDArray> c = new HashMap<>();
        weights.forEach((k, v) -> c.put(k, v.dup()));
        return c;
    }

    @Test
    void should_refuse_a_critic_with_batch_norm() {
        Discriminator critic = Discriminator.builder().input(4).dense(3).batchNorm().dense(1).build();
        assertThatThrownBy(() -> PenaltyEvaluator.evaluate(new GradientPenalty(10), critic, null,
                random(1, 2, 4), random(2, 2, 4), Nd4j.rand(DataType.DOUBLE, 2, 1)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("critic layer 1 (batchNorm(eps=1.0E-5, momentum=0.1)) has no per-sample input gradient, so a"
                        + " gradient penalty cannot be applied: use a critic without batch norm (the WGAN-GP paper uses"
                        + " layer norm or none)");
    }
}
