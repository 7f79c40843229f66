package org.gan4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.gan4j.loss.GanLoss;
import org.gan4j.losses.check.LossEvaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss against TF-GAN's loss-test fixture (the logits below, mean reduction; the expected values recomputed in
 * numpy from each loss's formula), a finite-difference check and batch invariance. TF-GAN's own minimax value −4.82408
 * adds the constant −softplus(−1) = −0.31326; its non-saturating default smooths the real label to 0.875.
 */
class LossFixtureTest {
    static final double[] REAL = {-5.0, 1.4, 12.5, 2.7};
    static final double[] FAKE = {10.0, 4.4, -5.5, 3.6};

    static Stream<Arguments> fixture() {
        return Stream.of(
                Arguments.of(new LeastSquaresLoss(), 17.69625, 41.73375),
                Arguments.of(LeastSquaresLoss.cycleGan(), 35.3925, 41.73375),
                Arguments.of(new NonSaturatingLoss(), 1.38582, 5.83387),
                Arguments.of(NonSaturatingLoss.withRealLabel(0.875), 1.38582, 6.19637),
                Arguments.of(new MinimaxLoss(), -4.51082, 5.83387),
                Arguments.of(MinimaxLoss.withRealLabel(0.875), -4.51082, 6.19637),
                Arguments.of(new WassersteinLoss(), -3.125, 0.225),
                Arguments.of(WassersteinLoss.withGradientPenalty(), -3.125, 0.225),
                Arguments.of(new HingeLoss(), -3.125, 6.75));
    }

    static Stream<GanLoss> losses() {
        return fixture().map(a -> (GanLoss) a.get()[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixture")
    void should_match_the_tf_gan_fixture(GanLoss loss, double generator, double discriminator) {
        LossEvaluator.Result r = LossEvaluator.evaluate(loss, REAL, FAKE);
        assertThat(r.generatorLoss()).isCloseTo(generator, within(1e-5));
        assertThat(r.discriminatorLoss()).isCloseTo(discriminator, within(1e-5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void should_pass_a_finite_difference_check_in_double_precision(GanLoss loss) {
        double h = 1e-6;
        double[] real = {-1.3, 0.2, 2.5, 0.45};
        double[] fake = {0.7, -2.1, 1.1, -0.35};
        LossEvaluator.Result r = LossEvaluator.evaluate(loss, real, fake);
        for (int i = 0; i < real.length; i++) {
            double[] up = real.clone();
            double[] down = real.clone();
            up[i] += h;
            down[i] -= h;
            double dReal = (LossEvaluator.evaluate(loss, up, fake).discriminatorLoss()
                    - LossEvaluator.evaluate(loss, down, fake).discriminatorLoss()) / (2 * h);
            assertThat(r.discriminatorGradientWrtReal()[i]).as("dL_D/ds_real[%d]", i).isCloseTo(dReal, within(1e-7));
            double[] fu = fake.clone();
            double[] fd = fake.clone();
            fu[i] += h;
            fd[i] -= h;
            LossEvaluator.Result ru = LossEvaluator.evaluate(loss, real, fu);
            LossEvaluator.Result rd = LossEvaluator.evaluate(loss, real, fd);
            assertThat(r.discriminatorGradientWrtFake()[i]).as("dL_D/ds_fake[%d]", i)
                    .isCloseTo((ru.discriminatorLoss() - rd.discriminatorLoss()) / (2 * h), within(1e-7));
            assertThat(r.generatorGradientWrtFake()[i]).as("dL_G/ds_fake[%d]", i)
                    .isCloseTo((ru.generatorLoss() - rd.generatorLoss()) / (2 * h), within(1e-7));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void should_average_over_the_batch(GanLoss loss) {
        LossEvaluator.Result once = LossEvaluator.evaluate(loss, REAL, FAKE);
        double[] real2 = new double[8];
        double[] fake2 = new double[8];
        for (int i = 0; i < 8; i++) {
            real2[i] = REAL[i % 4];
            fake2[i] = FAKE[i % 4];
        }
        LossEvaluator.Result twice = LossEvaluator.evaluate(loss, real2, fake2);
        assertThat(twice.discriminatorLoss()).isCloseTo(once.discriminatorLoss(), within(1e-12));
        assertThat(twice.generatorLoss()).isCloseTo(once.generatorLoss(), within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void should_stay_finite_for_extreme_scores(GanLoss loss) {
        LossEvaluator.Result r = LossEvaluator.evaluate(loss, new double[] {-500, 500}, new double[] {500, -500});
        assertThat(r.discriminatorLoss()).isFinite();
        assertThat(r.generatorLoss()).isFinite();
        assertThat(java.util.Arrays.stream(r.discriminatorGradientWrtFake()).boxed()).allSatisfy(g -> assertThat(g).isFinite());
    }

    /** Which losses read the discriminator as a real/fake classifier (the collapse warning's contract). */
    static Stream<Arguments> classifiers() {
        return Stream.of(
                Arguments.of(new LeastSquaresLoss(), true),
                Arguments.of(LeastSquaresLoss.cycleGan(), true),
                Arguments.of(new NonSaturatingLoss(), true),
                Arguments.of(NonSaturatingLoss.withRealLabel(0.875), true),
                Arguments.of(new MinimaxLoss(), true),
                Arguments.of(new WassersteinLoss(), false),
                Arguments.of(WassersteinLoss.withGradientPenalty(), false),
                Arguments.of(new HingeLoss(), false),
                Arguments.of(new GanLoss() {
                    @Override
                    public org.nd4j.autodiff.samediff.SDVariable discriminatorLoss(org.nd4j.autodiff.samediff.SameDiff graph,
                            org.nd4j.autodiff.samediff.SDVariable realLogits, org.nd4j.autodiff.samediff.SDVariable fakeLogits) {
                        return fakeLogits.mean().sub(realLogits.mean());
                    }

                    @Override
                    public org.nd4j.autodiff.samediff.SDVariable generatorLoss(org.nd4j.autodiff.samediff.SameDiff graph,
                            org.nd4j.autodiff.samediff.SDVariable fakeLogits) {
                        return fakeLogits.mean().neg();
                    }

                    @Override
                    public String toString() {
                        return "a loss that does not say";
                    }
                }, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void should_say_whether_its_discriminator_is_a_real_fake_classifier(GanLoss loss, boolean classifier) {
        assertThat(loss.classifiesRealAndFake()).isEqualTo(classifier);
        if (classifier) {
            // a loss near 0 can only mean a winning discriminator if the loss is never below 0
            java.util.SplittableRandom random = new java.util.SplittableRandom(3);
            for (int trial = 0; trial < 20; trial++) {
                double[] real = random.doubles(4, -8, 8).toArray();
                double[] fake = random.doubles(4, -8, 8).toArray();
                assertThat(LossEvaluator.evaluate(loss, real, fake).discriminatorLoss()).isGreaterThanOrEqualTo(0);
            }
        }
    }
}
