package org.gan4j;

/**
 * Callbacks during {@code fit()}, all on the training thread. Every method has an empty default, so a listener
 * implements only what it needs. An exception thrown by a listener stops training.
 *
 * @since 0.1.0
 */
public interface TrainingListener {

    /**
     * Called after every step.
     *
     * @param view   the run
     * @param result what the step did
     */
    default void onStepEnd(TrainingView view, StepResult result) {
    }

    /**
     * Called when a pass over the data ends.
     *
     * @param view  the run
     * @param epoch the 0-based epoch that ended
     */
    default void onEpochEnd(TrainingView view, int epoch) {
    }

    /**
     * Called once when training has reached its step count.
     *
     * @param view the run
     */
    default void onFitEnd(TrainingView view) {
    }
}
