package org.gan4j.dl4j.internal.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One-hot encoding of class indices into float arrays. */
public final class OneHot {
    private OneHot() {
    }

    /**
     * @param labels  class indices
     * @param oneHot  the array [labels.length, classes] to overwrite (float, contiguous)
     */
    public static void write(int[] labels, INDArray oneHot) {
        int classes = (int) oneHot.size(1);
        float[] values = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            values[i * classes + labels[i]] = 1f;
        }
        oneHot.data().setData(values);
    }
}
