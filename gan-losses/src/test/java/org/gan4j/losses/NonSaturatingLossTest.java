package org.gan4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gan4j.losses.check.LossEvaluator;
import org.junit.jupiter.api.Test;

class NonSaturatingLossTest {
    static final double[] REAL = {-5.0, 1.4, 12.5, 2.7};
    static final double[] FAKE = {10.0, 4.4, -5.5, 3.6};

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void should_match_the_tf_gan_fixture() {
        LossEvaluator.Result r = LossEvaluator.evaluate(new NonSaturatingLoss(), REAL, FAKE);
        assertThat(r.generatorLoss()).isCloseTo(1.38582, within(1e-5));
        assertThat(r.discriminatorLoss()).isCloseTo(5.83387, within(1e-5));
    }

    @Test
    void should_have_the_closed_form_gradients() {
        LossEvaluator.Result r = LossEvaluator.evaluate(new NonSaturatingLoss(), REAL, FAKE);
        int n = REAL.length;
        for (int i = 0; i < n; i++) {
            // d/ds softplus(-s) = -sigmoid(-s); d/ds softplus(s) = sigmoid(s); each term is a mean over n
            assertThat(r.discriminatorGradientWrtReal()[i]).isCloseTo(-sigmoid(-REAL[i]) / n, within(1e-12));
            assertThat(r.discriminatorGradientWrtFake()[i]).isCloseTo(sigmoid(FAKE[i]) / n, within(1e-12));
            assertThat(r.generatorGradientWrtFake()[i]).isCloseTo(-sigmoid(-FAKE[i]) / n, within(1e-12));
        }
    }

    @Test
    void should_stay_finite_and_exact_for_extreme_logits() {
        double[] real = {-200.0, 200.0, 0.0};
        double[] fake = {200.0, -200.0, 0.0};
        LossEvaluator.Result r = LossEvaluator.evaluate(new NonSaturatingLoss(), real, fake);
        double expectedD = (softplus(200) + softplus(-200) + softplus(0)) / 3 * 2;
        assertThat(r.discriminatorLoss()).isCloseTo(expectedD, within(1e-9));
        assertThat(r.generatorLoss()).isCloseTo((softplus(-200) + softplus(200) + softplus(0)) / 3, within(1e-9));
        assertThat(r.discriminatorGradientWrtFake()[2]).as("sigmoid(0)/n at the origin").isCloseTo(0.5 / 3, within(1e-12));
    }

    @Test
    void should_pass_a_finite_difference_check() {
        double h = 1e-6;
        double[] real = {-1.3, 0.2, 2.5};
        double[] fake = {0.7, -2.1, 1.1};
        LossEvaluator.Result r = LossEvaluator.evaluate(new NonSaturatingLoss(), real, fake);
        for (int i = 0; i < real.length; i++) {
            double[] up = real.clone();
            double[] down = real.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (LossEvaluator.evaluate(new NonSaturatingLoss(), up, fake).discriminatorLoss()
                    - LossEvaluator.evaluate(new NonSaturatingLoss(), down, fake).discriminatorLoss()) / (2 * h);
            assertThat(r.discriminatorGradientWrtReal()[i]).isCloseTo(numeric, within(1e-7));
            double[] fu = fake.clone();
            double[] fd = fake.clone();
            fu[i] += h;
            fd[i] -= h;
            double numericG = (LossEvaluator.evaluate(new NonSaturatingLoss(), real, fu).generatorLoss()
                    - LossEvaluator.evaluate(new NonSaturatingLoss(), real, fd).generatorLoss()) / (2 * h);
            assertThat(r.generatorGradientWrtFake()[i]).isCloseTo(numericG, within(1e-7));
        }
    }
}
