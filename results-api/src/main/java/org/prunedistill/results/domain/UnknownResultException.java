package org.prunedistill.results.domain;

/** The run has no result with the key. */
public final class UnknownResultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownResultException(String runId, String resultKey) {
        super("run '" + runId + "' has no result '" + resultKey + "'");
    }
}
