package org.gan4j.metric;

import org.gan4j.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network that maps images to features (for FID, KID, precision/recall) and class logits (for the Inception Score):
 * InceptionV3 for natural images, or a classifier trained on the data set at hand.
 *
 * @since 0.1.0
 */
public interface FeatureExtractor {

    /** @return the shape of one input image, as the extractor expects it */
    Shape inputShape();

    /** @return the length of a feature vector */
    int featureDimension();

    /** @return the number of classes of the logits */
    int classes();

    /**
     * @param images a batch [n, inputShape...] with pixels in [-1, 1]
     * @return features [n, featureDimension]
     */
    INDArray features(INDArray images);

    /**
     * @param images a batch [n, inputShape...] with pixels in [-1, 1]
     * @return class logits [n, classes]
     */
    INDArray logits(INDArray images);

    /**
     * Features and logits of the same images; extractors that compute both in one pass override it.
     *
     * @param images a batch [n, inputShape...] with pixels in [-1, 1]
     * @return {features [n, featureDimension], logits [n, classes]}
     */
    default INDArray[] featuresAndLogits(INDArray images) {
        return new INDArray[] {features(images), logits(images)};
    }
}
