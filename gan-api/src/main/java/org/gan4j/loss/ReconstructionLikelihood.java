package org.gan4j.loss;

import org.gan4j.GraphContext;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The decoder's likelihood p(x|z) of a variational autoencoder: how the decoder's raw output for a latent z scores a
 * data sample x, and which sample that output stands for. The VAE maximises
 * <pre>
 *   ELBO(x) = E_q(z|x)[log p(x|z)] − β·KL(q(z|x) ‖ N(0, I))
 * </pre>
 * and this contract supplies the first term (Kingma and Welling, "Auto-Encoding Variational Bayes", ICLR 2014).
 *
 * <p>Implementations are pure graph builders, like {@link GanLoss}: they add operations to the graph they are given
 * and keep no state; a learned parameter (a learned variance) is created through the {@link GraphContext}, which
 * trains it with the decoder.
 *
 * @since 0.1.0
 */
public interface ReconstructionLikelihood {

    /**
     * Builds log p(x|z) per sample, summed over every value of the sample (nats).
     *
     * @param context the graph and the decoder's parameters
     * @param decoded the decoder's output for z, [batch, sample shape...]
     * @param x       the data samples, of the same shape
     * @return a vector [batch]
     */
    SDVariable logLikelihood(GraphContext context, SDVariable decoded, SDVariable x);

    /**
     * Builds the sample the decoder's output stands for: the mean of p(x|z) (σ(logits) for a Bernoulli decoder).
     *
     * @param graph   the graph
     * @param decoded the decoder's output
     * @return the mean, of the same shape
     */
    SDVariable mean(SameDiff graph, SDVariable decoded);

    /** @return the smallest data value the likelihood is defined for; by default −∞ */
    default double minimumValue() {
        return Double.NEGATIVE_INFINITY;
    }

    /** @return the largest data value the likelihood is defined for; by default +∞ */
    default double maximumValue() {
        return Double.POSITIVE_INFINITY;
    }
}
