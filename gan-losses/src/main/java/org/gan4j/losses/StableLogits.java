package org.gan4j.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Numerically stable building blocks over logits, for writing losses.
 *
 * <p>softplus(x) = log(1 + eˣ) is computed as ½(x + |x|) + log1p(e^−|x|): it never overflows (ND4J's own softplus
 * computes log(1 + eˣ) directly, which is infinite in float32 above x ≈ 88), and its gradient is σ(x) everywhere,
 * including σ(0) = ½ at the origin.
 *
 * @since 0.1.0
 */
public final class StableLogits {
    private StableLogits() {
    }

    /**
     * @param graph the graph
     * @param x     logits
     * @return softplus(x) = log(1 + eˣ), element-wise
     */
    public static SDVariable softplus(SameDiff graph, SDVariable x) {
        SDVariable abs = graph.math.abs(x);
        SDVariable positivePart = x.add(abs).mul(0.5);
        return positivePart.add(graph.math.log1p(graph.math.exp(abs.neg())));
    }

    /**
     * The binary cross-entropy of logits against a constant target t: t·softplus(−x) + (1 − t)·softplus(x),
     * element-wise (the loss of σ(x) as a prediction of t).
     *
     * @param graph  the graph
     * @param x      logits
     * @param target the target probability in [0, 1]
     * @return the element-wise cross-entropy
     */
    public static SDVariable crossEntropy(SameDiff graph, SDVariable x, double target) {
        if (target == 1.0) {
            return softplus(graph, x.neg());
        }
        if (target == 0.0) {
            return softplus(graph, x);
        }
        return softplus(graph, x.neg()).mul(target).add(softplus(graph, x).mul(1 - target));
    }

    /**
     * The discriminator's binary cross-entropy, real samples labelled {@code realLabel} and generated ones 0:
     * mean CE(s_real, realLabel) + mean CE(s_fake, 0).
     *
     * @param graph      the graph
     * @param realLogits D(x)
     * @param fakeLogits D(G(z))
     * @param realLabel  the target of real samples (1, or below 1 for one-sided label smoothing)
     * @return the scalar loss
     */
    public static SDVariable discriminatorCrossEntropy(SameDiff graph, SDVariable realLogits, SDVariable fakeLogits,
                                                       double realLabel) {
        return crossEntropy(graph, realLogits, realLabel).mean().add(softplus(graph, fakeLogits).mean());
    }

    /**
     * Checks a real label for one-sided label smoothing.
     *
     * @param realLabel the label
     * @return the label
     */
    static double checkRealLabel(double realLabel) {
        if (!(realLabel > 0.5 && realLabel <= 1)) {
            throw new IllegalArgumentException("realLabel must be in (0.5, 1] but was " + realLabel);
        }
        return realLabel;
    }
}
