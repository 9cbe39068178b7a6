package org.prunedistill.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.prunedistill.info.UnitInformation;
import org.prunedistill.info.UnitInformationEstimator;

/**
 * Throughput of the single-unit estimators on a layer-sized source (run by {@code info-decoder/bench.sh}, not a
 * test): per unit, equipopulated binning (3 bins), plug-in, Panzeri-Treves (Bayesian count) and quadratic
 * extrapolation in stored trial order, optionally with the permutation p-value. Data are generated once (seeded,
 * ReLU-like with ties, a third of the units informative) and written as {@code responses.npy} float32
 * {@code [units, conditions, trials]}; results go to {@code java_<mode>.npy} float64 {@code [units, 4]} (plug-in, PT,
 * QE, p) for {@code bench_reference.py} to compare.
 *
 * <p>Usage: {@code InformationBenchmark <dir> <units> <conditions> <trials> <permutations> <threads>}.
 */
public final class InformationBenchmark {

    /**
     * Runs before timing, at least this many and for at least {@link #WARM_UP_NANOS}, so that the timed runs see
     * compiled code (the compiler's CPU time is not counted; two runs of the quick case left it still compiling).
     */
    private static final int WARM_UP_RUNS = 2;
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    /** Timed runs; the median is reported (the machine is shared). */
    private static final int TIMED_RUNS = 5;
    private static final ThreadLocal<double[]> BUFFERS = ThreadLocal.withInitial(() -> new double[0]);

    private InformationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int units = Integer.parseInt(args[1]);
        int conditions = Integer.parseInt(args[2]);
        int trials = Integer.parseInt(args[3]);
        int permutations = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        Path data = dir.resolve("responses.npy");
        if (!Files.exists(data)) {
            Files.createDirectories(dir);
            NpyFiles.writeFloats(data, generate(units, conditions, trials), units, conditions, trials);
        }
        float[] responses = NpyFiles.readFloats(data);
        int[] stimuli = new int[conditions * trials];
        for (int i = 0; i < stimuli.length; i++) {
            stimuli[i] = i / trials;
        }
        UnitInformationEstimator estimator = UnitPass.estimator(permutations);
        double[] out = new double[units * 4];
        // One pool (and so the same threads, with their scratch arrays) for every run, as a service keeps its workers.
        ForkJoinPool pool = new ForkJoinPool(threads);
        int warmUpRuns = 0;
        long warmUpStart = System.nanoTime();
        while (warmUpRuns < WARM_UP_RUNS || System.nanoTime() - warmUpStart < WARM_UP_NANOS) {
            run(pool, units, responses, stimuli, estimator, out);
            warmUpRuns++;
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] seconds = new double[TIMED_RUNS];
        double[] cpuSeconds = new double[TIMED_RUNS];
        for (int timed = 0; timed < TIMED_RUNS; timed++) {
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            run(pool, units, responses, stimuli, estimator, out);
            seconds[timed] = (System.nanoTime() - start) / 1e9;
            cpuSeconds[timed] = (os.getProcessCpuTime() - cpuStart) / 1e9;
        }
        pool.shutdown();
        NpyFiles.writeDoubles(dir.resolve("java_p" + permutations + ".npy"), out, units, 4);
        System.out.printf(Locale.ROOT, "java units=%d conditions=%d trials=%d permutations=%d threads=%d "
                + "seconds=%.3f cpu_seconds=%.3f (median of %d runs after %d warm-up runs; runs: %s s)%n", units,
                conditions, trials, permutations, threads, median(seconds), median(cpuSeconds), TIMED_RUNS,
                warmUpRuns, java.util.Arrays.toString(seconds));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void run(ForkJoinPool pool, int units, float[] responses, int[] stimuli,
            UnitInformationEstimator estimator, double[] out) throws Exception {
        int n = stimuli.length;
        // One response buffer per thread, reused from unit to unit (as the service reuses its unit buffers).
        pool.submit(() -> IntStream.range(0, units).parallel().forEach(unit -> {
            double[] values = BUFFERS.get();
            if (values.length != n) {
                values = new double[n];
                BUFFERS.set(values);
            }
            for (int i = 0; i < n; i++) {
                values[i] = responses[unit * n + i];
            }
            UnitInformation information = estimator.estimate(values, stimuli,
                    new SplittableRandom(UnitPass.SEED + unit));
            out[4 * unit] = information.pluginBits();
            out[4 * unit + 1] = information.panzeriTrevesBits();
            out[4 * unit + 2] = information.quadraticExtrapolationBits();
            out[4 * unit + 3] = information.pValue();
        })).get();
    }

    /** ReLU of a condition signal plus noise: every third unit tuned to conditions, about half the values 0. */
    private static float[] generate(int units, int conditions, int trials) {
        SplittableRandom random = new SplittableRandom(UnitPass.SEED);
        float[] data = new float[units * conditions * trials];
        for (int u = 0; u < units; u++) {
            double gain = u % 3 == 0 ? 1.0 : 0.0;
            for (int c = 0; c < conditions; c++) {
                double signal = gain * random.nextGaussian();
                for (int t = 0; t < trials; t++) {
                    double value = signal + random.nextGaussian();
                    data[(u * conditions + c) * trials + t] = (float) Math.max(0.0, Math.round(value * 4) / 4.0);
                }
            }
        }
        return data;
    }
}
