package org.prunedistill.info;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs independent tasks {@code 0..n-1} on a pool of its own, so a caller's parallelism is its own to choose. */
final class Parallel {

    private Parallel() {
    }

    /**
     * Runs {@code task} for every index; with {@code parallelism} 1 on the calling thread, in order. The tasks must be
     * independent (each writes its own slot); an exception of one is rethrown after the rest stop.
     */
    static void forEach(int n, int parallelism, IntConsumer task) {
        if (parallelism <= 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(parallelism);
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(task)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
