package org.prunedistill.launcher.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.launcher.AnalyserScaling;
import org.prunedistill.launcher.RunClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd bench-load}: many runs submitted at once to the embedded default. */
@Command(name = "bench-load", mixinStandardHelpOptions = true,
        description = {
            "Start the embedded default (Kafka, S3 and one instance of each service on free ports, in a fresh data "
                + "directory), submit one warm-up run, then submit N runs at once (each its own recorded areas) and "
                + "follow them all.",
            "",
            "Prints the throughput (completed runs per minute, from the first submission to the last completion) "
                + "and the p50, p95 and maximum time from a run's submission to its completed results.",
            ""},
        footer = {"", "Example: ./pd bench-load --runs 20"})
public final class LoadBenchmarkCommand implements Callable<Integer> {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);

    @Option(names = "--runs", defaultValue = "20", description = "concurrent runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--areas", defaultValue = "2", description = "recorded areas per run (default: ${DEFAULT-VALUE})")
    int areas;

    @Option(names = "--units", defaultValue = "60", description = "units per area (default: ${DEFAULT-VALUE})")
    int units;

    @Option(names = "--conditions", defaultValue = "300", description = "conditions per area "
            + "(default: ${DEFAULT-VALUE})")
    int conditions;

    @Option(names = "--trials", defaultValue = "4", description = "trials per condition (default: ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--data", description = "data directory, kept afterwards (default: a temporary one, deleted afterwards)")
    Path data;

    @Override
    public Integer call() throws Exception {
        System.out.println("machine: " + Machine.current().describe());
        System.out.println("load average before: " + BenchSystem.loadAverage());
        try (BenchSystem bench = BenchSystem.start(data);
             RunClient client = new RunClient(bench.system.grpcTarget())) {
            RunSpec spec = AnalyserScaling.recordedAreas(bench.data.resolve("samples/load"), areas, units,
                    conditions, trials);
            follow(client, "warm-up", spec, System.nanoTime());
            ExecutorService pool = Executors.newFixedThreadPool(runs);
            try {
                long start = System.nanoTime();
                List<Future<long[]>> pending = new ArrayList<>();
                for (int i = 1; i <= runs; i++) {
                    String runId = String.format(Locale.ROOT, "load-%02d", i);
                    pending.add(pool.submit(() -> {
                        long submitted = System.nanoTime();
                        return new long[] {follow(client, runId, spec, submitted), System.nanoTime()};
                    }));
                }
                long[] latencies = new long[runs];
                long last = start;
                for (int i = 0; i < runs; i++) {
                    long[] result = pending.get(i).get();
                    latencies[i] = result[0];
                    last = Math.max(last, result[1]);
                }
                double minutes = (last - start) / 60e9;
                Latencies summary = Latencies.ofNanos(latencies);
                System.out.printf(Locale.ROOT, "%d runs of %d areas each in %.1f s: %.1f runs/min%n", runs, areas,
                        minutes * 60, runs / minutes);
                System.out.printf(Locale.ROOT, "submission to results: p50 %.1f s, p95 %.1f s, max %.1f s%n",
                        summary.p50Ms() / 1e3, summary.p95Ms() / 1e3, summary.maxMs() / 1e3);
                System.out.println("load average after: " + BenchSystem.loadAverage());
            } finally {
                pool.shutdownNow();
            }
        }
        return 0;
    }

    /** Submits and follows one run; nanoseconds from {@code submitted} to its completion. */
    private static long follow(RunClient client, String runId, RunSpec spec, long submitted) {
        client.submit(runId, spec);
        Run run = client.follow(runId, RUN_TIMEOUT, update -> { });
        if (run.getStatus() != RunStatus.RUN_STATUS_COMPLETED) {
            throw new IllegalStateException("run " + runId + " ended " + run.getStatus() + ": " + run);
        }
        return System.nanoTime() - submitted;
    }
}
