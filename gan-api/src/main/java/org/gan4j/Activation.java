package org.gan4j;

/**
 * An element-wise activation function: relu, leakyRelu(alpha), tanh, sigmoid or identity.
 *
 * @param kind  which function
 * @param alpha the negative slope of leaky ReLU; 0 for the other kinds
 *
 * @since 0.1.0
 */
public record Activation(Kind kind, double alpha) {
    /** The activation functions gan4j compiles. */
    public enum Kind {
        /** max(0, x). */
        RELU,
        /** x for x &gt; 0, alpha·x otherwise. */
        LEAKY_RELU,
        /** tanh(x). */
        TANH,
        /** 1 / (1 + e^-x). */
        SIGMOID,
        /** x. */
        IDENTITY
    }

    /**
     * Validates the components.
     *
     * @param kind  which function
     * @param alpha the negative slope of leaky ReLU; 0 for the other kinds
     */
    public Activation {
        if (kind == null) {
            throw new NullPointerException("kind == null");
        }
        if (kind == Kind.LEAKY_RELU && !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1) but was " + alpha);
        }
        if (kind != Kind.LEAKY_RELU && alpha != 0) {
            throw new IllegalArgumentException("alpha applies to LEAKY_RELU only but was " + alpha + " for " + kind);
        }
    }

    /** @return max(0, x) */
    public static Activation relu() {
        return new Activation(Kind.RELU, 0);
    }

    /**
     * @param alpha the negative slope, in (0, 1)
     * @return x for x &gt; 0, alpha·x otherwise
     */
    public static Activation leakyRelu(double alpha) {
        return new Activation(Kind.LEAKY_RELU, alpha);
    }

    /** @return tanh(x) */
    public static Activation tanh() {
        return new Activation(Kind.TANH, 0);
    }

    /** @return the logistic sigmoid */
    public static Activation sigmoid() {
        return new Activation(Kind.SIGMOID, 0);
    }

    /** @return the identity */
    public static Activation identity() {
        return new Activation(Kind.IDENTITY, 0);
    }

    @Override
    public String toString() {
        return kind == Kind.LEAKY_RELU ? "leakyRelu(" + alpha + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
