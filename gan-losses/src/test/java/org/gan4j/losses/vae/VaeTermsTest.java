package org.gan4j.losses.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.GraphContext;
import org.gan4j.ParameterInit;
import org.gan4j.loss.ReconstructionLikelihood;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each VAE term on its own, in double precision: the likelihoods against their formulas summed in Java, the KL
 * against its closed form and against a Monte-Carlo estimate of E_q[log q(z) − log p(z)].
 */
class VaeTermsTest {
    static final double[][] X = {{0.0, 0.25, 1.0}, {0.5, 0.75, 0.125}};
    static final double[][] OUT = {{-2.0, 0.3, 4.5}, {0.0, 1.25, -60.0}};

    /** Evaluates a likelihood on X and OUT, with a learned log-variance parameter set to {@code logVariance}. */
    static double[] logLikelihood(ReconstructionLikelihood likelihood, double logVariance) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, 2, 3);
        SDVariable out = sd.placeHolder("out", DataType.DOUBLE, 2, 3);
        GraphContext context = new GraphContext() {
            @Override
            public SameDiff graph() {
                return sd;
            }

            @Override
            public SDVariable parameter(String name, ParameterInit init, long... shape) {
                return sd.var(name, Nd4j.create(new double[] {logVariance}, shape, DataType.DOUBLE));
            }

            @Override
            public boolean training() {
                return true;
            }
        };
        SDVariable ll = likelihood.logLikelihood(context, out, x);
        Map<String, INDArray> result = sd.output(Map.of("x", Nd4j.create(X), "out", Nd4j.create(OUT)), ll.name());
        return result.get(ll.name()).toDoubleVector();
    }

    @Test
    void should_give_the_bernoulli_log_likelihood_of_logits() {
        double[] ll = logLikelihood(new BernoulliLikelihood(), 0);
        for (int b = 0; b < 2; b++) {
            double expected = 0;
            for (int i = 0; i < 3; i++) {
                // x log p + (1 − x) log(1 − p) with p = σ(l): log p = −log1p(e^−l), log(1 − p) = −l + log p
                double logP = -Math.log1p(Math.exp(-OUT[b][i]));
                double logOneMinusP = -OUT[b][i] + logP;
                expected += X[b][i] * logP + (1 - X[b][i]) * logOneMinusP;
            }
            assertThat(ll[b]).as("sample %d", b).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void should_give_the_gaussian_log_likelihood_fixed_and_learned() {
        double[] fixed = logLikelihood(GaussianLikelihood.fixed(0.5), 0);
        double[] learned = logLikelihood(GaussianLikelihood.learned(), Math.log(0.25));
        for (int b = 0; b < 2; b++) {
            double expected = 0;
            for (int i = 0; i < 3; i++) {
                double d = X[b][i] - OUT[b][i];
                expected += -0.5 * (d * d / 0.25 + Math.log(0.25) + Math.log(2 * Math.PI));
            }
            assertThat(fixed[b]).isCloseTo(expected, within(1e-9));
            assertThat(learned[b]).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void should_give_the_closed_form_kl_that_monte_carlo_estimates() {
        double[][] mu = {{0.5, -1.0}, {0.0, 0.0}};
        double[][] logVar = {{-0.7, 0.4}, {0.0, 0.0}};
        SameDiff sd = SameDiff.create();
        SDVariable kl = GaussianKl.toStandardNormal(sd, sd.constant(Nd4j.create(mu)), sd.constant(Nd4j.create(logVar)));
        double[] values = kl.eval().toDoubleVector();
        double closed = 0;
        for (int j = 0; j < 2; j++) {
            closed += 0.5 * (mu[0][j] * mu[0][j] + Math.exp(logVar[0][j]) - 1 - logVar[0][j]);
        }
        assertThat(values[0]).isCloseTo(closed, within(1e-12));
        assertThat(values[1]).isCloseTo(0, within(1e-15));
        // E_q[log q(z) − log p(z)], 400,000 draws: standard error ≈ 0.002
        SplittableRandom r = new SplittableRandom(5);
        double sum = 0;
        int n = 400_000;
        for (int s = 0; s < n; s++) {
            double logRatio = 0;
            for (int j = 0; j < 2; j++) {
                double sigma = Math.exp(0.5 * logVar[0][j]);
                double e = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                double z = mu[0][j] + sigma * e;
                logRatio += -0.5 * e * e - Math.log(sigma) + 0.5 * z * z;
            }
            sum += logRatio;
        }
        assertThat(sum / n).isCloseTo(closed, within(0.01));
    }
}
