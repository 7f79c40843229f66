package org.gan4j.dl4j.internal.graph;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How one batch-norm application in a training graph updates its layer's running statistics, PyTorch's way:
 * running ← (1 − momentum)·running + momentum·batch, the variance made unbiased by n/(n − 1).
 *
 * @param meanOutput  the graph output holding the batch mean
 * @param varOutput   the graph output holding the (biased) batch variance
 * @param runningMean the running mean array
 * @param runningVar  the running variance array
 * @param momentum    the weight of the batch
 * @param count       the number of values each statistic is taken over
 */
public record BatchNormUpdate(String meanOutput, String varOutput, INDArray runningMean, INDArray runningVar,
                              double momentum, long count) {

    /**
     * Applies the update.
     *
     * @param batchMean     the batch mean, consumed
     * @param batchVariance the biased batch variance, consumed
     */
    public void apply(INDArray batchMean, INDArray batchVariance) {
        double unbias = count > 1 ? (double) count / (count - 1) : 1.0;
        runningMean.muli(1 - momentum).addi(batchMean.muli(momentum));
        runningVar.muli(1 - momentum).addi(batchVariance.muli(momentum * unbias));
    }
}
