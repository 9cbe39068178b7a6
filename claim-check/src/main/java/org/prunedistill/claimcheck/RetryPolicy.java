package org.prunedistill.claimcheck;

import java.time.Duration;

/**
 * How long to keep retrying when the object store cannot be reached: exponential backoff from {@code initialDelay}
 * up to {@code maxDelay} between attempts, giving up once {@code maxDuration} has passed.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, Duration maxDuration) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMinutes(2));

    /** Runs the call, retrying it while it fails with a retryable {@link ClaimCheckException}. */
    public <T> T call(java.util.function.Supplier<T> body) {
        long deadline = System.nanoTime() + maxDuration.toNanos();
        long delay = initialDelay.toMillis();
        while (true) {
            try {
                return body.get();
            } catch (ClaimCheckException e) {
                if (!e.problem().retryable() || System.nanoTime() + delay * 1_000_000 > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the object store", interrupted);
            }
            delay = Math.min(delay * 2, maxDelay.toMillis());
        }
    }
}
