package org.prunedistill.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.Sha256;

/**
 * The in-memory CPU work of one claim, on one thread and without any I/O: what {@code putTensor} and
 * {@code fetchTensor} spend besides S3 and Kafka. Used to explain where the pipeline's time goes.
 *
 * @param npyWriteMs median time to encode the batch as .npy ({@code Npy.write})
 * @param sha256Ms   median time of one SHA-256 of the .npy bytes ({@code Sha256.hex}); the producer hashes
 *                   once for the key, the consumer once to verify
 * @param npyReadMs  median time to parse the .npy bytes back into a float[] ({@code Npy.read})
 */
record CpuCosts(double npyWriteMs, double sha256Ms, double npyReadMs) {

    private static final long WARMUP_NANOS = 200_000_000L;
    private static final long BUDGET_NANOS = 300_000_000L;
    private static final int MIN_REPETITIONS = 5;
    private static final int MAX_REPETITIONS = 5_000;

    /**
     * Measures every shape twice and keeps the second pass, so that each number comes from code the JIT has
     * finished compiling rather than from whatever state the pipeline cases left it in.
     */
    static List<CpuCosts> measureAll(List<BatchShape> shapes, long seed) {
        List<CpuCosts> costs = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            costs.clear();
            for (BatchShape shape : shapes) {
                costs.add(measure(shape, seed));
            }
        }
        return costs;
    }

    static CpuCosts measure(BatchShape shape, long seed) {
        float[] data = new float[shape.elements()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble() * 2 - 1);
        }
        FloatTensor tensor = FloatTensor.ofFloats(data, shape.dimensions());
        byte[] bytes = Npy.write(tensor);
        double write = medianMillis(() -> Npy.write(tensor).length);
        double sha256 = medianMillis(() -> Sha256.hex(bytes).length());
        double read = medianMillis(() -> Npy.read(bytes, "benchmark").data().length);
        return new CpuCosts(write, sha256, read);
    }

    /** Megabytes per second of one operation on a batch of {@code bytes} bytes taking {@code millis}. */
    static double megabytesPerSecond(long bytes, double millis) {
        return bytes / 1e6 / (millis / 1e3);
    }

    private interface Work {
        int run();
    }

    private static double medianMillis(Work work) {
        long checksum = 0;
        long warmupEnd = System.nanoTime() + WARMUP_NANOS;
        for (int i = 0; i < MAX_REPETITIONS && (i < MIN_REPETITIONS || System.nanoTime() < warmupEnd); i++) {
            checksum += work.run();
        }
        long[] samples = new long[MAX_REPETITIONS];
        int count = 0;
        long budgetEnd = System.nanoTime() + BUDGET_NANOS;
        while (count < MAX_REPETITIONS && (count < MIN_REPETITIONS || System.nanoTime() < budgetEnd)) {
            long start = System.nanoTime();
            checksum += work.run();
            samples[count++] = System.nanoTime() - start;
        }
        if (checksum == 42) {
            System.out.print(""); // keeps the results alive
        }
        long[] measured = java.util.Arrays.copyOf(samples, count);
        return Latencies.ofNanos(measured).p50Ms();
    }
}
