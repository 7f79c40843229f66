package org.gan4j.optim;

/**
 * How an optimizer's learning rate changes over a training run.
 *
 * @since 0.1.0
 */
public sealed interface LearningRateSchedule {

    /** The same learning rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public String toString() {
            return "constant";
        }
    }

    /**
     * Linear decay from the learning rate at the first update to {@code finalFraction} times it at the network's last
     * update of the run (as in the WGAN-GP paper's code, which decays to 0).
     *
     * @param finalFraction the fraction of the learning rate left at the end, in [0, 1]
     */
    record LinearDecay(double finalFraction) implements LearningRateSchedule {
        /**
         * Validates the fraction.
         *
         * @param finalFraction the fraction of the learning rate left at the end
         */
        public LinearDecay {
            if (!(finalFraction >= 0 && finalFraction <= 1)) {
                throw new IllegalArgumentException("finalFraction must be in [0, 1] but was " + finalFraction);
            }
        }

        /**
         * @param learningRate the initial learning rate
         * @param update       the 0-based update index
         * @param updates      the number of updates in the run
         * @return the learning rate of that update
         */
        public double valueAt(double learningRate, long update, long updates) {
            double progress = updates <= 1 ? 0 : Math.min(1.0, update / (double) (updates - 1));
            return learningRate * (1 - (1 - finalFraction) * progress);
        }

        @Override
        public String toString() {
            return "linearDecay(" + finalFraction + ")";
        }
    }

    /** @return a constant learning rate */
    static LearningRateSchedule constant() {
        return new Constant();
    }
}
