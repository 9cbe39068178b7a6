package org.prunedistill.launcher.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.launcher.AnalyserScaling;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.ServiceProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd bench-scale-out}: the same many-source run on one and on two instances of each analyser. */
@Command(name = "bench-scale-out", mixinStandardHelpOptions = true,
        description = {
            "Start the embedded default (Kafka, S3 and the four services on free ports, in a fresh data directory), "
                + "then time a run of N synthetic recorded areas from submission to completion, alternately with one "
                + "id-estimator and one info-decoder, and after a second instance of each has joined their "
                + "consumer groups (the sources spread over pd.activations' partitions; the second instances stop "
                + "after each measurement). An unmeasured run of the same size first, and a small one after the "
                + "second instances start, let every JVM compile the analysis code.",
            "",
            "Prints each round's wall times and speed-up, how many sources each instance analysed, the load average "
                + "(the analysers share the machine's cores with Kafka, S3, the extractor and anything else) and "
                + "the medians over the rounds.",
            ""},
        footer = {"", "Example: ./pd bench-scale-out --sources 18"})
public final class ScaleOutBenchmarkCommand implements Callable<Integer> {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration GROUP_TIMEOUT = Duration.ofMinutes(2);

    @Option(names = "--sources", defaultValue = "18", description = "recorded areas in the run "
            + "(default: ${DEFAULT-VALUE})")
    int sources;

    @Option(names = "--units", defaultValue = "120", description = "units per area (default: ${DEFAULT-VALUE})")
    int units;

    @Option(names = "--conditions", defaultValue = "400", description = "conditions per area "
            + "(default: ${DEFAULT-VALUE})")
    int conditions;

    @Option(names = "--trials", defaultValue = "8", description = "trials per condition (default: ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--rounds", defaultValue = "3", description = "measurements of each configuration, "
            + "alternating (default: ${DEFAULT-VALUE}); the medians are reported")
    int rounds;

    @Option(names = "--data", description = "data directory, kept afterwards (default: a temporary one, deleted afterwards)")
    Path data;

    @Override
    public Integer call() throws Exception {
        System.out.println("machine: " + Machine.current().describe());
        System.out.println("load average before: " + BenchSystem.loadAverage());
        try (BenchSystem bench = BenchSystem.start(data);
             RunClient client = new RunClient(bench.system.grpcTarget())) {
            RunSpec warmUp = AnalyserScaling.recordedAreas(bench.data.resolve("samples/warm-up"), 4, units,
                    conditions, trials);
            RunSpec spec = AnalyserScaling.recordedAreas(bench.data.resolve("samples/scale-out"), sources, units,
                    conditions, trials);
            time(client, "warm-up-1", spec); // the first run of fresh JVMs is twice as slow: a full one first
            String bootstrap = bench.system.stack().bootstrapServers();
            double[] ones = new double[rounds];
            double[] twos = new double[rounds];
            for (int round = 1; round <= rounds; round++) {
                double[] busyBefore = busy(bench.system.service("id-estimator"), bench.system.service("info-decoder"));
                ones[round - 1] = time(client, "one-instance-" + round, spec);
                printBusy(busyBefore, busy(bench.system.service("id-estimator"), bench.system.service("info-decoder")));
                ServiceProcess id2 = AnalyserScaling.startInstance(bench.system, "id-estimator", 2, 1);
                ServiceProcess info2 = AnalyserScaling.startInstance(bench.system, "info-decoder", 2, 1);
                for (String analyser : AnalyserScaling.ANALYSERS) {
                    System.out.println("  " + analyser + " partitions per consumer: "
                            + AnalyserScaling.awaitBalancedGroup(bootstrap, analyser, 2, GROUP_TIMEOUT));
                }
                time(client, "warm-up-2-" + round, warmUp); // the new JVMs compile the analysis code
                long[] before = counts(bench, id2, info2);
                busyBefore = busy(bench.system.service("id-estimator"), id2, bench.system.service("info-decoder"),
                        info2);
                twos[round - 1] = time(client, "two-instances-" + round, spec);
                printBusy(busyBefore, busy(bench.system.service("id-estimator"), id2,
                        bench.system.service("info-decoder"), info2));
                long[] after = counts(bench, id2, info2);
                System.out.printf(Locale.ROOT, "  sources analysed: id-estimator %d + %d, info-decoder %d + %d%n",
                        after[0] - before[0], after[1] - before[1], after[2] - before[2], after[3] - before[3]);
                bench.system.stopInstance(id2.name());
                bench.system.stopInstance(info2.name());
                for (String analyser : AnalyserScaling.ANALYSERS) {
                    AnalyserScaling.awaitBalancedGroup(bootstrap, analyser, 1, GROUP_TIMEOUT);
                }
                System.out.printf(Locale.ROOT, "round %d: 1 instance each %.1f s, 2 instances each %.1f s, "
                        + "speed-up %.2fx (load %s)%n", round, ones[round - 1], twos[round - 1],
                        ones[round - 1] / twos[round - 1], BenchSystem.loadAverage());
            }
            double one = median(ones);
            double two = median(twos);
            System.out.printf(Locale.ROOT, "median of %d rounds, %d sources: 1 instance each %.1f s, 2 instances "
                    + "each %.1f s, speed-up %.2fx%n", rounds, sources, one, two, one / two);
        }
        return 0;
    }

    private static long[] counts(BenchSystem bench, ServiceProcess id2, ServiceProcess info2) throws Exception {
        return new long[] {AnalyserScaling.analysedSources(bench.system.service("id-estimator")),
            AnalyserScaling.analysedSources(id2), AnalyserScaling.analysedSources(bench.system.service("info-decoder")),
            AnalyserScaling.analysedSources(info2)};
    }

    /** Seconds each instance has spent in its analysis so far. */
    private static double[] busy(ServiceProcess... instances) throws Exception {
        double[] seconds = new double[instances.length];
        for (int i = 0; i < instances.length; i++) {
            seconds[i] = AnalyserScaling.analysisSeconds(instances[i]);
        }
        return seconds;
    }

    /** Time spent analysing during the last run: the id-estimator instances first, then the info-decoder ones. */
    private static void printBusy(double[] before, double[] after) {
        List<String> seconds = new ArrayList<>();
        for (int i = 0; i < before.length; i++) {
            seconds.add(String.format(Locale.ROOT, "%.1f", after[i] - before[i]));
        }
        int half = before.length / 2;
        System.out.println("  analysis seconds per instance during the run: id-estimator "
                + String.join(" + ", seconds.subList(0, half)) + ", info-decoder "
                + String.join(" + ", seconds.subList(half, before.length)));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Seconds from submission to the completed run. */
    private static double time(RunClient client, String runId, RunSpec spec) {
        long start = System.nanoTime();
        client.submit(runId, spec);
        Run run = client.follow(runId, RUN_TIMEOUT, update -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        if (run.getStatus() != RunStatus.RUN_STATUS_COMPLETED) {
            throw new IllegalStateException("run " + runId + " ended " + run.getStatus() + ": " + run);
        }
        System.out.printf(Locale.ROOT, "  run %s: %d sources, %.1f s%n", runId, run.getSourcesCount(), seconds);
        return seconds;
    }
}
