package org.gan4j.dl4j;

/**
 * How training graphs are built and run. Set per trainer ({@link TrainerBuilder#execution(Execution)}); the default
 * comes from the system property {@value #PROPERTY} ({@code compiled} or {@code samediff}), read once when a builder
 * is created. Inference graphs and saved models hold stock SameDiff operations under either strategy.
 *
 * @since 0.1.0
 */
public enum Execution {
    /**
     * gan4j's compiled execution (the default): each training phase runs from an execution plan (ops in dependency
     * order over preallocated arrays) and uses gan4j's fused ops (batch norm, ReLU, single-channel convolutions).
     * A graph that holds an op the plans cannot run (control flow in a custom graph) falls back to SameDiff's session
     * when it holds no fused op.
     */
    COMPILED,
    /** Stock SameDiff ops only, run through SameDiff's own session: slower, for comparisons and custom graphs. */
    SAMEDIFF;

    /** The system property that gives the default strategy: {@code compiled} or {@code samediff}. */
    public static final String PROPERTY = "gan4j.executor";

    /**
     * @return the strategy named by {@value #PROPERTY}, {@link #COMPILED} when it is unset
     * @throws IllegalArgumentException when it names no strategy
     */
    public static Execution fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.equals("compiled")) {
            return COMPILED;
        }
        if (value.equals("samediff")) {
            return SAMEDIFF;
        }
        throw new IllegalArgumentException(PROPERTY + " must be compiled or samediff but was " + value);
    }

    /** @return whether training graphs may use gan4j's fused ops (which only compiled plans run) */
    public boolean fusedOps() {
        return this == COMPILED;
    }
}
