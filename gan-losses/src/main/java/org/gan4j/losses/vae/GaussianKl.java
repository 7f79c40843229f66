package org.gan4j.losses.vae;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The KL divergence of a diagonal Gaussian posterior q(z|x) = N(μ, diag σ²) from the prior N(0, I), in closed form
 * (Kingma and Welling, "Auto-Encoding Variational Bayes", ICLR 2014, appendix B):
 * <pre>
 *   KL = ½ Σ_j (μ_j² + σ_j² − 1 − log σ_j²)
 * </pre>
 * from μ and log σ², per sample.
 *
 * @since 0.1.0
 */
public final class GaussianKl {
    private GaussianKl() {
    }

    /**
     * @param graph       the graph
     * @param mu          μ, [batch, L]
     * @param logVariance log σ², [batch, L]
     * @return KL per sample, [batch]
     */
    public static SDVariable toStandardNormal(SameDiff graph, SDVariable mu, SDVariable logVariance) {
        SDVariable terms = graph.math.square(mu).add(graph.math.exp(logVariance)).sub(1.0).sub(logVariance);
        return terms.sum(1).mul(0.5);
    }
}
