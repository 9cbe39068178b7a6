package org.prunedistill.messaging;

/**
 * An event that can never be processed, however often it is retried: it belongs in the dead-letter topic, with this
 * message as the reason.
 */
public class PoisonEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
