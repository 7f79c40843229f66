package org.gan4j.samples;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks a command's numeric options before it loads anything; a violation is a picocli usage error (the message and
 * the usage, exit code 2), never an exception from deep inside training.
 */
final class OptionChecks {
    private final CommandSpec spec;

    private OptionChecks(CommandSpec spec) {
        this.spec = spec;
    }

    /**
     * @param spec the command being run
     * @return checks that report against it
     */
    static OptionChecks of(CommandSpec spec) {
        return new OptionChecks(spec);
    }

    /**
     * @param option the option's name
     * @param value  its value
     * @param min    the smallest value allowed
     * @return this
     */
    OptionChecks atLeast(String option, long value, long min) {
        if (value < min) {
            throw fail(option + " must be >= " + min + " but was " + value);
        }
        return this;
    }

    /**
     * @param option the option's name
     * @param value  its value
     * @param min    the smallest value allowed
     * @param max    the largest value allowed
     * @return this
     */
    OptionChecks within(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw fail(option + " must be in [" + min + ", " + max + "] but was " + value);
        }
        return this;
    }

    /**
     * @param option the option's name
     * @param value  its value
     * @return this
     */
    OptionChecks positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw fail(option + " must be finite and > 0 but was " + value);
        }
        return this;
    }

    /**
     * @param option  the option's name
     * @param value   its value
     * @param allowed the values allowed
     * @return this
     */
    OptionChecks oneOf(String option, String value, String... allowed) {
        if (!java.util.Arrays.asList(allowed).contains(value)) {
            throw fail(option + " must be one of " + String.join(", ", allowed) + " but was " + value);
        }
        return this;
    }

    /**
     * @param option the option's name
     * @param value  its value
     * @return this
     */
    OptionChecks decay(String option, double value) {
        if (!(value >= 0 && value < 1)) {
            throw fail(option + " must be in [0, 1) but was " + value);
        }
        return this;
    }

    /**
     * @param option the option's name
     * @param value  its value
     * @return this
     */
    OptionChecks nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw fail(option + " must be finite and >= 0 but was " + value);
        }
        return this;
    }

    /**
     * @param option the option's name
     * @param value  its value
     * @return this
     */
    OptionChecks finite(String option, double value) {
        if (!Double.isFinite(value)) {
            throw fail(option + " must be finite but was " + value);
        }
        return this;
    }

    /**
     * @param message what is wrong
     * @return the usage error to throw
     */
    ParameterException fail(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
