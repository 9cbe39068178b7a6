package org.prunedistill.results.domain;

/** The result exists but carries no per-unit table. */
public final class NoUnitTableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoUnitTableException(String resultKey) {
        super("result '" + resultKey + "' has no per-unit table; ListUnitTables names those that have one");
    }
}
