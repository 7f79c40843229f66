package org.gan4j.dl4j.internal.graph;

import org.gan4j.Shape;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a conditional GAN joins a one-hot class to the networks' inputs: appended to the latent vector for G; for D,
 * appended to a vector sample, or as {@code classes} constant planes after an image's channels.
 */
final class Conditioning {
    private Conditioning() {
    }

    /** @return [z, y] along the feature axis */
    static SDVariable generatorInput(SameDiff graph, SDVariable z, SDVariable oneHot) {
        return graph.concat(1, z, oneHot);
    }

    /**
     * @param sample the samples [n, sampleShape...]
     * @param oneHot the classes [n, classes]
     * @return the discriminator's body input [n, bodyInputShape...]
     */
    static SDVariable discriminatorInput(SameDiff graph, SDVariable sample, SDVariable oneHot, Shape sampleShape,
                                         int classes, DataType dataType) {
        if (sampleShape.rank() == 1) {
            return graph.concat(1, sample, oneHot);
        }
        SDVariable planes = oneHot.reshape(-1, classes, 1, 1)
                .mul(graph.constant(Nd4j.ones(dataType, 1, 1, sampleShape.dim(1), sampleShape.dim(2))));
        return graph.concat(1, sample, planes);
    }

    /** @return the part of a gradient with respect to the joined input that belongs to the sample itself */
    static SDVariable samplePart(SDVariable inputGradient, Shape sampleShape) {
        if (sampleShape.rank() == 1) {
            return inputGradient.get(SDIndex.all(), SDIndex.interval(0L, sampleShape.dim(0)));
        }
        return inputGradient.get(SDIndex.all(), SDIndex.interval(0L, sampleShape.dim(0)), SDIndex.all(), SDIndex.all());
    }
}
