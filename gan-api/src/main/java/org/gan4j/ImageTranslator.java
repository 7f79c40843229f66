package org.gan4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps images of one domain to another with a trained translator network in inference mode.
 *
 * @since 0.1.0
 */
public interface ImageTranslator {

    /** @return the shape of one input image */
    Shape inputShape();

    /** @return the shape of one output image */
    Shape outputShape();

    /**
     * @param images a batch [n, inputShape...], n &gt;= 1
     * @return the translated batch [n, outputShape...], a new array
     * @throws IllegalArgumentException if the batch does not have the input shape
     */
    INDArray translate(INDArray images);
}
