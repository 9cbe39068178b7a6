package org.prunedistill.claimcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.ClaimCheckException.Problem;

class RetryPolicyTest {

    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(4),
            Duration.ofSeconds(5));

    private static ClaimCheckException unavailable() {
        return new ClaimCheckException(Problem.STORE_UNAVAILABLE, "object store: cannot get tensors/x.npy");
    }

    @Test
    void retriesWhileTheStoreIsUnavailableThenReturnsTheAnswer() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = FAST.call(() -> {
            if (attempts.incrementAndGet() < 4) {
                throw unavailable();
            }
            return "object";
        });
        assertEquals("object", answer);
        assertEquals(4, attempts.get());
    }

    @Test
    void neverRetriesAProblemThatRetryingCannotFix() {
        AtomicInteger attempts = new AtomicInteger();
        ClaimCheckException missing = new ClaimCheckException(Problem.MISSING_OBJECT, "object tensors/x.npy missing");
        ClaimCheckException thrown = assertThrows(ClaimCheckException.class, () -> FAST.call(() -> {
            attempts.incrementAndGet();
            throw missing;
        }));
        assertSame(missing, thrown);
        assertEquals(1, attempts.get());
    }

    @Test
    void givesUpAfterMaxDurationSayingHowOftenAndHowLongItTried() {
        RetryPolicy brief = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(200));
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        ClaimCheckException thrown = assertThrows(ClaimCheckException.class, () -> brief.call(() -> {
            attempts.incrementAndGet();
            throw unavailable();
        }));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Problem.STORE_UNAVAILABLE, thrown.problem());
        assertTrue(attempts.get() >= 3, "backoff 5, 10, 20, 20... ms fits several attempts in 200 ms: " + attempts);
        assertTrue(elapsedMs <= 200 + 1000, "gave up near max-duration, not long after: " + elapsedMs + " ms");
        assertTrue(thrown.getMessage().startsWith("object store: cannot get tensors/x.npy (gave up after "
                + attempts.get() + " attempts over "), thrown.getMessage());
        assertTrue(thrown.getMessage().endsWith("pd.retry.max-duration is PT0.2S)"), thrown.getMessage());
    }

    @Test
    void noneTriesOnceAndThrowsTheFailureUnchanged() {
        AtomicInteger attempts = new AtomicInteger();
        ClaimCheckException failure = unavailable();
        assertSame(failure, assertThrows(ClaimCheckException.class, () -> RetryPolicy.NONE.call(() -> {
            attempts.incrementAndGet();
            throw failure;
        })));
        assertEquals(1, attempts.get());
    }

    @Test
    void withinShortensTheBudgetButNeverLengthensIt() {
        assertEquals(Duration.ofSeconds(3), RetryPolicy.DEFAULT.within(Duration.ofSeconds(3)).maxDuration());
        assertSame(RetryPolicy.DEFAULT, RetryPolicy.DEFAULT.within(Duration.ofHours(1)));
        assertEquals(Duration.ZERO, RetryPolicy.DEFAULT.within(Duration.ofSeconds(-1)).maxDuration());
        assertEquals(RetryPolicy.DEFAULT.initialDelay(), RetryPolicy.DEFAULT.within(Duration.ofSeconds(3))
                .initialDelay());
    }

    @Test
    void defaultsMatchTheirConfigurationStrings() {
        assertEquals(RetryPolicy.DEFAULT_INITIAL_DELAY, RetryPolicy.DEFAULT.initialDelay().toMillis() + "ms");
        assertEquals(RetryPolicy.DEFAULT_MAX_DELAY, RetryPolicy.DEFAULT.maxDelay().toSeconds() + "s");
        assertEquals(RetryPolicy.DEFAULT_MAX_DURATION, RetryPolicy.DEFAULT.maxDuration().toMinutes() + "m");
    }

    @Test
    void inconsistentSettingsAreRefusedNamingTheKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertTrue(e.getMessage().contains("initial-delay <= max-delay"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(-1)));
    }
}
