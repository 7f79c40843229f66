package org.gan4j.dl4j.internal.exec;

/**
 * Returns the off-heap memory of unreachable arrays to the allocator before it piles up. SameDiff 1.0.0-M2.1 leaves
 * most arrays of a training step to be freed when the garbage collector finalises them: the Java heap fills slowly,
 * collections are rare, and in between every step takes fresh pages from the kernel (measured on the DCGAN: steps 4×
 * slower in phases of 20 steps and more, 55% of the time zeroing new pages). This asks for a collection every k steps,
 * with k chosen so that collections cost about a tenth of the training time: every few steps for a convolutional
 * GAN, rarely for a small one. Steps run from compiled {@link ExecutionPlan}s allocate almost nothing, so they get a
 * share of a five-hundredth (a safety net for the few small arrays of optimizer and monitoring code).
 */
public final class OffHeapReclaimer {
    private final double share;
    private static final int MAX_PERIOD = 1000;
    private double stepNanos = -1;
    private int period = 1;
    private int sinceCollection;

    /**
     * @param share the share of the training time that collections may take
     */
    private OffHeapReclaimer(double share) {
        this.share = share;
    }

    /** @return a reclaimer for steps run through SameDiff's own session (a tenth of the time) */
    public static OffHeapReclaimer forSameDiffSteps() {
        return new OffHeapReclaimer(0.1);
    }

    /** @return a reclaimer for steps run from compiled plans (a five-hundredth of the time) */
    public static OffHeapReclaimer forCompiledSteps() {
        return new OffHeapReclaimer(0.002);
    }

    /**
     * Called after each training step.
     *
     * @param lastStepNanos the wall time of the step that just ended
     */
    public void afterStep(long lastStepNanos) {
        stepNanos = stepNanos < 0 ? lastStepNanos : 0.9 * stepNanos + 0.1 * lastStepNanos;
        if (++sinceCollection < period) {
            return;
        }
        long t0 = System.nanoTime();
        System.gc();
        long gcNanos = System.nanoTime() - t0;
        sinceCollection = 0;
        period = (int) Math.max(1, Math.min(MAX_PERIOD, Math.ceil(gcNanos / (share * stepNanos))));
    }
}
