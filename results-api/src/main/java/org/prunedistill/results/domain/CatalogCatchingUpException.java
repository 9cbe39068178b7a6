package org.prunedistill.results.domain;

/**
 * The catalog is still being rebuilt from the topics, so it cannot yet say whether a run exists or what state it is
 * in: the caller should retry shortly (gRPC UNAVAILABLE, REST 503 with Retry-After), never conclude "unknown run".
 */
public final class CatalogCatchingUpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogCatchingUpException(CatchUp progress) {
        super("results-api is " + progress.describe() + "; retry in a moment");
    }
}
