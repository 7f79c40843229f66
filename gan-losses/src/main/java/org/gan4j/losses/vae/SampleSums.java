package org.gan4j.losses.vae;

import org.nd4j.autodiff.samediff.SDVariable;

/** Sums element-wise terms over every dimension but the batch. */
final class SampleSums {
    private SampleSums() {
    }

    /**
     * @param terms   element-wise terms, [batch, ...]
     * @param shaped  a variable of the same rank whose static shape is known (the data placeholder)
     * @return the per-sample sums, [batch]
     */
    static SDVariable perSample(SDVariable terms, SDVariable shaped) {
        long[] shape = shaped.getShape();
        if (shape == null || shape.length < 2) {
            throw new IllegalArgumentException("data must have a known shape [batch, ...] but had "
                    + (shape == null ? "an unknown shape" : java.util.Arrays.toString(shape)));
        }
        int[] dims = new int[shape.length - 1];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = i + 1;
        }
        return terms.sum(dims);
    }
}
