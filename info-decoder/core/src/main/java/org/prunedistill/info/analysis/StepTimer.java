package org.prunedistill.info.analysis;

import java.util.function.Supplier;

/**
 * Where the analysis reports how long each of its steps took on one source (the service records it as a metric per
 * estimator); {@link #NONE} when nobody asks.
 */
@FunctionalInterface
public interface StepTimer {

    /** Records nothing. */
    StepTimer NONE = (step, nanos) -> { };

    /** Records that {@code step} took {@code nanos} nanoseconds. */
    void record(String step, long nanos);

    /** Runs and times one step. */
    default <T> T time(String step, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            record(step, System.nanoTime() - start);
        }
    }
}
