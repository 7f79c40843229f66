package org.gan4j;

/**
 * A failure during training; the message names the step, the network and the term involved.
 *
 * @since 0.1.0
 */
public class GanTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where
     * @param cause   the underlying error
     */
    public GanTrainingException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what failed, where
     */
    public GanTrainingException(String message) {
        super(message);
    }
}
