package org.prunedistill.claimcheck;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How long to keep retrying while the object store cannot be reached: exponential backoff from {@code initialDelay}
 * up to {@code maxDelay} between attempts, giving up once {@code maxDuration} has passed. Configured as
 * {@code pd.retry.initial-delay}, {@code pd.retry.max-delay} and {@code pd.retry.max-duration} in every service.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, Duration maxDuration) {

    /** Defaults of {@code pd.retry.*}, as configuration strings (for the services' config mappings). */
    public static final String DEFAULT_INITIAL_DELAY = "500ms";
    public static final String DEFAULT_MAX_DELAY = "15s";
    public static final String DEFAULT_MAX_DURATION = "2m";

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMinutes(2));
    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private static final System.Logger LOG = System.getLogger(RetryPolicy.class.getName());

    public RetryPolicy {
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxDuration.isNegative()) {
            throw new IllegalArgumentException("pd.retry needs 0 <= initial-delay <= max-delay and max-duration >= 0,"
                    + " got initial-delay " + initialDelay + ", max-delay " + maxDelay + ", max-duration "
                    + maxDuration);
        }
    }

    /** This policy, giving up after {@code budget} if that comes sooner (a caller's deadline). */
    public RetryPolicy within(Duration budget) {
        Duration bounded = budget.isNegative() ? Duration.ZERO : budget;
        return bounded.compareTo(maxDuration) >= 0 ? this
                : new RetryPolicy(initialDelay, maxDelay, bounded);
    }

    /**
     * Runs the call, retrying it while it fails with a retryable {@link ClaimCheckException}; each retry is logged
     * (warning) with the failure and the wait. Once the next wait would pass {@code maxDuration}, the last failure is
     * thrown, saying how many attempts were made over how long.
     */
    public <T> T call(Supplier<T> body) {
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        long delay = initialDelay.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return body.get();
            } catch (ClaimCheckException e) {
                if (!e.problem().retryable()) {
                    throw e;
                }
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                if (System.nanoTime() + delay * 1_000_000 > deadline) {
                    if (attempt == 1) {
                        throw e;
                    }
                    throw new ClaimCheckException(e.problem(), e.getMessage() + " (gave up after " + attempt
                            + " attempts over " + elapsedMs + " ms; pd.retry.max-duration is " + maxDuration + ")", e);
                }
                int attempts = attempt;
                long wait = delay;
                LOG.log(System.Logger.Level.WARNING, () -> e.getMessage() + " (attempt " + attempts + ", " + elapsedMs
                        + " ms so far); retrying in " + wait + " ms");
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the object store", interrupted);
            }
            delay = Math.min(Math.max(1, delay * 2), maxDelay.toMillis());
        }
    }
}
