package org.gan4j;

/**
 * How a weight array is initialised. The fan-in of a weight is the product of all its dimensions but the last
 * (dense [in, out]: in; conv2d [k, k, in, out]: k·k·in).
 *
 * @since 0.1.0
 */
public sealed interface ParameterInit {

    /** U(−1/√fanIn, 1/√fanIn), PyTorch's default for linear and convolution layers. */
    record FanInUniform() implements ParameterInit {
        @Override
        public String toString() {
            return "fanInUniform";
        }
    }

    /**
     * N(mean, std²), e.g. the DCGAN paper's N(0, 0.02²).
     *
     * @param mean the mean
     * @param std  the standard deviation, &gt; 0
     */
    record Normal(double mean, double std) implements ParameterInit {
        /**
         * Validates the components.
         *
         * @param mean the mean
         * @param std  the standard deviation
         */
        public Normal {
            if (!(std > 0) || !Double.isFinite(std)) {
                throw new IllegalArgumentException("std must be > 0 but was " + std);
            }
            if (!Double.isFinite(mean)) {
                throw new IllegalArgumentException("mean must be finite but was " + mean);
            }
        }

        @Override
        public String toString() {
            return "normal(" + mean + ", " + std + ")";
        }
    }

    /** U(−√(6/(fanIn + fanOut)), √(6/(fanIn + fanOut))) (Glorot and Bengio, 2010). */
    record XavierUniform() implements ParameterInit {
        @Override
        public String toString() {
            return "xavierUniform";
        }
    }

    /**
     * Every value equal to a constant.
     *
     * @param value the constant
     */
    record Constant(double value) implements ParameterInit {
        /**
         * Validates the value.
         *
         * @param value the constant
         */
        public Constant {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value must be finite but was " + value);
            }
        }

        @Override
        public String toString() {
            return "constant(" + value + ")";
        }
    }

    /** @return PyTorch's default, U(±1/√fanIn) */
    static ParameterInit fanInUniform() {
        return new FanInUniform();
    }

    /**
     * @param std the standard deviation
     * @return N(0, std²)
     */
    static ParameterInit normal(double std) {
        return new Normal(0, std);
    }

    /** @return Glorot's uniform initialisation */
    static ParameterInit xavierUniform() {
        return new XavierUniform();
    }

    /**
     * @param value the constant
     * @return every value equal to {@code value}
     */
    static ParameterInit constant(double value) {
        return new Constant(value);
    }
}
