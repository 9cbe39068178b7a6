package org.prunedistill.info;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs independent tasks on a pool of the caller's size (not the common pool), so a caller's parallelism is its own
 * to choose: the per-unit quantities, the single-unit decoding and the pseudo-population resamplings.
 */
public final class Parallel {

    private Parallel() {
    }

    /**
     * Runs {@code task} for every index {@code 0..n-1}; with {@code parallelism} 1 on the calling thread, in order.
     * The tasks must be independent (each writes its own slot); an exception of one is rethrown after the rest stop.
     */
    public static void forEach(int n, int parallelism, IntConsumer task) {
        ForkJoinPool pool = parallelism <= 1 || n <= 1 ? null : new ForkJoinPool(parallelism);
        try {
            forEach(0, n, pool, task);
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    /** Runs {@code task} for every index {@code from..to-1} on the pool (null: the calling thread, in order). */
    public static void forEach(int from, int to, ForkJoinPool pool, IntConsumer task) {
        if (pool == null) {
            IntStream.range(from, to).forEach(task);
            return;
        }
        join(pool.submit(() -> IntStream.range(from, to).parallel().forEach(task)), "running parallel tasks");
    }

    /** The result of {@code task}, rethrowing its own failure unchanged; {@code doing} names the wait if interrupted. */
    public static <T> T join(Future<T> task, String doing) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
