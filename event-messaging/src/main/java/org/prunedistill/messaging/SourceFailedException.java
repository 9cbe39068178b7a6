package org.prunedistill.messaging;

import org.prunedistill.events.v1.SourceFailed;

/** A source its analysis cannot take (objects missing or corrupt, data refused): its manifest is dead-lettered. */
public final class SourceFailedException extends PoisonEventException {

    private static final long serialVersionUID = 1L;

    private final transient SourceFailed failure;

    public SourceFailedException(String message, SourceFailed failure, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    /** The source, the analysis and why, to publish once the run has been failed. */
    public SourceFailed failure() {
        return failure;
    }
}
