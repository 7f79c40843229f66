package org.gan4j.losses.vae;

import org.gan4j.GraphContext;
import org.gan4j.ParameterInit;
import org.gan4j.loss.ReconstructionLikelihood;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The Gaussian likelihood of a decoder whose output μ is the mean, with one variance σ² shared by every value:
 * <pre>
 *   log p(x|z) = −½ Σ_i [(x_i − μ_i)²/σ² + log σ² + log 2π]
 * </pre>
 * σ is either fixed ({@link #fixed(double)}; σ = 1 makes the reconstruction term half the squared error) or learned
 * with the decoder ({@link #learned()}: the parameter log σ², starting at 0), which calibrates the balance between
 * reconstruction and KL to the data (Rybkin, Daniilidis and Levine, "Simple and Effective VAE Training with
 * Calibrated Decoders", ICML 2021, the "σ-VAE"). The decoded sample is μ.
 *
 * @since 0.1.0
 */
public final class GaussianLikelihood implements ReconstructionLikelihood {
    /** The name of the learned log-variance parameter, within the decoder. */
    public static final String LOG_VARIANCE = "log_variance";
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);
    private final double sigma;

    private GaussianLikelihood(double sigma) {
        this.sigma = sigma;
    }

    /**
     * @param sigma the standard deviation σ of every value, finite and &gt; 0
     * @return the likelihood with a fixed variance
     */
    public static GaussianLikelihood fixed(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and > 0 but was " + sigma);
        }
        return new GaussianLikelihood(sigma);
    }

    /** @return the likelihood with one learned variance (log σ² trained with the decoder, starting at 0) */
    public static GaussianLikelihood learned() {
        return new GaussianLikelihood(Double.NaN);
    }

    /** @return the fixed σ; NaN when σ is learned */
    public double sigma() {
        return sigma;
    }

    /** @return whether σ is learned */
    public boolean isLearned() {
        return Double.isNaN(sigma);
    }

    @Override
    public SDVariable logLikelihood(GraphContext context, SDVariable decoded, SDVariable x) {
        SDVariable squared = context.graph().math.square(x.sub(decoded));
        SDVariable terms;
        if (isLearned()) {
            SDVariable logVariance = context.parameter(LOG_VARIANCE, ParameterInit.constant(0), 1);
            terms = squared.mul(context.graph().math.exp(logVariance.neg())).add(logVariance).add(LOG_TWO_PI);
        } else {
            terms = squared.div(sigma * sigma).add(Math.log(sigma * sigma) + LOG_TWO_PI);
        }
        return SampleSums.perSample(terms, x).mul(-0.5);
    }

    @Override
    public SDVariable mean(SameDiff graph, SDVariable decoded) {
        return graph.identity(decoded);
    }

    @Override
    public String toString() {
        return isLearned() ? "GaussianLikelihood(learned σ)" : "GaussianLikelihood(σ=" + sigma + ")";
    }
}
