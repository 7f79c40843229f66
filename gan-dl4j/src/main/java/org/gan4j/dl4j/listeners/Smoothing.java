package org.gan4j.dl4j.listeners;

/**
 * The smoothing of a report's curves: a debiased exponential moving average, as TensorBoard's scalar smoothing.
 * With weight β = 1 − 1/w for a window of w steps, m_t = β·m_{t−1} + (1 − β)·y_t from m_0 = 0, and the curve shows
 * m_t / (1 − β^t) so that its start is not pulled toward 0. Non-finite values are shown as they are and left out of
 * the average.
 */
final class Smoothing {
    /** Curves are smoothed over about this share of their length. */
    static final int WINDOWS_PER_CURVE = 25;
    static final int MAX_WINDOW = 200;

    private Smoothing() {
    }

    /**
     * @param points the curve's length
     * @return the window for a curve of that length: its length / 25, between 1 and 200 steps
     */
    static int window(int points) {
        return Math.max(1, Math.min(MAX_WINDOW, points / WINDOWS_PER_CURVE));
    }

    /**
     * @param y      the raw values
     * @param window the window w, &gt;= 1 (1: no smoothing)
     * @return the debiased exponential moving average of y, one value per point
     */
    static double[] exponential(double[] y, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1 but was " + window);
        }
        double beta = 1 - 1.0 / window;
        double[] out = new double[y.length];
        double m = 0;
        double weight = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                out[i] = y[i];
                continue;
            }
            m = beta * m + (1 - beta) * y[i];
            weight = beta * weight + (1 - beta);
            out[i] = m / weight;
        }
        return out;
    }
}
