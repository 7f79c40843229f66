package org.gan4j;

/**
 * Callbacks during a CycleGAN {@code fit()}, on the training thread; both methods have empty defaults. An exception
 * thrown by a listener stops training.
 */
public interface CycleGanListener {

    /**
     * Called after every step.
     *
     * @param view   the run
     * @param result what the step did
     */
    default void onStepEnd(CycleGanView view, CycleGanStepResult result) {
    }

    /**
     * Called once when training has reached its step count.
     *
     * @param view the run
     */
    default void onFitEnd(CycleGanView view) {
    }
}
