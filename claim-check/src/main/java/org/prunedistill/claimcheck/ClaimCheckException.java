package org.prunedistill.claimcheck;

/**
 * A claim could not be redeemed: the object is missing, differs from its claim, cannot be parsed, or the store cannot
 * be reached. {@link #problem()} tells a consumer whether retrying can help.
 */
public final class ClaimCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. Only {@link #STORE_UNAVAILABLE} is worth retrying. */
    public enum Problem {
        MISSING_OBJECT,
        CHECKSUM_MISMATCH,
        SIZE_MISMATCH,
        MALFORMED_TENSOR,
        SHAPE_MISMATCH,
        INVALID_KEY,
        /** The object is larger than the store reads ({@code pd.store.max-object-bytes}); retrying cannot help. */
        OBJECT_TOO_LARGE,
        STORE_UNAVAILABLE;

        public boolean retryable() {
            return this == STORE_UNAVAILABLE;
        }
    }

    private final Problem problem;

    public ClaimCheckException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public ClaimCheckException(Problem problem, String message) {
        this(problem, message, null);
    }

    public Problem problem() {
        return problem;
    }
}
