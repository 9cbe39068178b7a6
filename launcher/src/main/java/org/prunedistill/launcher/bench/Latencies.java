package org.prunedistill.launcher.bench;

import java.util.Arrays;

/** Summary of a set of durations, in milliseconds. */
record Latencies(int count, double p50Ms, double p95Ms, double maxMs, double meanMs) {

    /** Nearest-rank percentiles of durations given in nanoseconds. */
    static Latencies ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new Latencies(sorted.length, millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.95)),
                millis(sorted[sorted.length - 1]), sum / sorted.length / 1e6);
    }

    private static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
