package org.prunedistill.results.domain;

/** No run with the id is known. */
public final class UnknownRunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownRunException(String runId) {
        super("unknown run '" + runId + "'");
    }
}
