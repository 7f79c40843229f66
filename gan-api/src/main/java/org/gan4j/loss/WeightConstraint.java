package org.gan4j.loss;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A constraint applied in place to the discriminator's weights after every discriminator update (weight clipping).
 *
 * @since 0.1.0
 */
public interface WeightConstraint {

    /**
     * Applies the constraint in place.
     *
     * @param weights the discriminator's trainable arrays by name
     */
    void apply(Map<String, INDArray> weights);
}
