package org.gan4j.dl4j.internal.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws classes uniformly for a conditional generator, from a counter-based generator (SplitMix64 of seed + counter),
 * so that its whole state is one number a checkpoint can hold.
 */
public final class LabelSampler {
    private final long seed;
    private final int classes;
    private long counter;

    /**
     * @param seed    the seed
     * @param classes the number of classes, &gt;= 2
     */
    public LabelSampler(long seed, int classes) {
        this.seed = seed;
        this.classes = classes;
    }

    /** @return the next class, uniform in [0, classes) */
    public int next() {
        long z = seed + 0x9E3779B97F4A7C15L * ++counter;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) classes);
    }

    /**
     * @param n how many
     * @return n classes
     */
    public int[] next(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = next();
        }
        return labels;
    }

    /**
     * Overwrites a one-hot array [n, classes] with n fresh classes.
     *
     * @param oneHot the array to fill
     */
    public void fill(INDArray oneHot) {
        OneHot.write(next((int) oneHot.size(0)), oneHot);
    }

    /** @return the draws so far, for checkpoints */
    public long counter() {
        return counter;
    }

    /**
     * @param draws a value from {@link #counter()}
     */
    public void restoreCounter(long draws) {
        this.counter = draws;
    }
}
