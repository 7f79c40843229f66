package org.gan4j.losses.vae;

import org.gan4j.GraphContext;
import org.gan4j.loss.ReconstructionLikelihood;
import org.gan4j.losses.StableLogits;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The Bernoulli likelihood of a decoder that outputs logits l (no final activation), for data in [0, 1]
 * (Kingma and Welling, "Auto-Encoding Variational Bayes", ICLR 2014, appendix C.1):
 * <pre>
 *   log p(x|z) = Σ_i [x_i·log σ(l_i) + (1 − x_i)·log(1 − σ(l_i))] = Σ_i [x_i·l_i − softplus(l_i)]
 * </pre>
 * the negative binary cross-entropy with logits, with the stable softplus of {@link StableLogits}. Grey values in
 * (0, 1) are taken as probabilities (the "continuous Bernoulli" correction of Loaiza-Ganem and Cunningham, NeurIPS
 * 2019, is not applied: this is the likelihood every VAE baseline reports). The decoded image is σ(l).
 *
 * @since 0.1.0
 */
public final class BernoulliLikelihood implements ReconstructionLikelihood {

    @Override
    public SDVariable logLikelihood(GraphContext context, SDVariable decoded, SDVariable x) {
        SameDiff graph = context.graph();
        SDVariable terms = x.mul(decoded).sub(StableLogits.softplus(graph, decoded));
        return SampleSums.perSample(terms, x);
    }

    @Override
    public SDVariable mean(SameDiff graph, SDVariable decoded) {
        return graph.nn.sigmoid(decoded);
    }

    @Override
    public double minimumValue() {
        return 0;
    }

    @Override
    public double maximumValue() {
        return 1;
    }

    @Override
    public String toString() {
        return "BernoulliLikelihood";
    }
}
