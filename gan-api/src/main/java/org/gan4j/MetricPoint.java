package org.gan4j;

/**
 * One value of a metric recorded during training.
 *
 * @param step  the step after which it was measured
 * @param name  the metric's name, e.g. "fid"
 * @param value its value
 *
 * @since 0.1.0
 */
public record MetricPoint(long step, String name, double value) {
    /**
     * Validates the components.
     *
     * @param step  the step
     * @param name  the name
     * @param value the value
     */
    public MetricPoint {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-blank string but was " + (name == null ? "null" : "'" + name + "'"));
        }
    }
}
