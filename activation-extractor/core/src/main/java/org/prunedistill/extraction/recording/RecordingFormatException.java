package org.prunedistill.extraction.recording;

/**
 * A recording file that cannot be read: the message starts with the file name (and the member or dataset inside it)
 * and says what was wrong and where.
 */
public final class RecordingFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RecordingFormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    public RecordingFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
