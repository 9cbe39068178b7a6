package org.prunedistill.claimcheck;

/** A {@code .npy} stream that cannot be read: the message says what was wrong and in which file or object. */
public final class NpyFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NpyFormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    public NpyFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
