package org.gan4j.losses.penalty;

import java.util.Map;
import org.gan4j.loss.WeightConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Weight clipping (Arjovsky, Chintala and Bottou, "Wasserstein GAN", ICML 2017): after every critic update, every
 * critic weight w becomes clip(w, −c, c), a crude way to keep the critic K-Lipschitz. Default c = 0.01.
 *
 * @since 0.1.0
 */
public final class WeightClipping implements WeightConstraint {
    private final double c;

    /**
     * @param c the bound, &gt; 0
     */
    public WeightClipping(double c) {
        if (!(c > 0) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("c must be > 0 but was " + c);
        }
        this.c = c;
    }

    /** @return the bound */
    public double bound() {
        return c;
    }

    @Override
    public void apply(Map<String, INDArray> weights) {
        for (INDArray w : weights.values()) {
            Transforms.min(w, c, false);
            Transforms.max(w, -c, false);
        }
    }

    @Override
    public String toString() {
        return "WeightClipping(c=" + c + ")";
    }
}
