package org.prunedistill.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.launcher.LocalSystem;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.ServiceProcess;
import org.prunedistill.launcher.ServiceSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd bench-restart}: how long results-api takes to be ready again over a long history. */
@Command(name = "bench-restart", mixinStandardHelpOptions = true,
        description = {
            "Start the embedded Kafka and S3 server and results-api alone (free ports, a fresh data directory), "
                + "write the history of N completed runs straight to the topics (submission, progress, extraction, "
                + "results shaped like the real ones, completion), then restart results-api several times.",
            "",
            "Prints, for each restart, the time from starting the JVM to /q/health/ready answering 200 (polled every "
                + "250 ms), the catalog's own catch-up time from its log, and results-api's peak RSS; at the first "
                + "ready moment it asks for a sample of runs and checks each is complete with all its results.",
            ""},
        footer = {"", "Example: ./pd bench-restart --runs 10000 --results-per-run 100"})
public final class RestartBenchmarkCommand implements Callable<Integer> {

    private static final Pattern CAUGHT_UP = Pattern.compile("catalog caught up: (\\d+) log records .* in ([0-9.]+) s");
    private static final int SAMPLE = 50;

    @Option(names = "--runs", defaultValue = "10000", description = "completed runs in the history "
            + "(default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--results-per-run", defaultValue = "100", description = "results per run, a multiple of 10 "
            + "(default: ${DEFAULT-VALUE})")
    int resultsPerRun;

    @Option(names = "--restarts", defaultValue = "3", description = "restarts to time (default: ${DEFAULT-VALUE})")
    int restarts;

    @Option(names = "--heap-mb", defaultValue = "512", description = "results-api's maximum heap, as ./pd up gives "
            + "it (default: ${DEFAULT-VALUE})")
    int heapMb;

    @Option(names = "--data", description = "data directory, kept afterwards (default: a temporary one, deleted afterwards)")
    Path data;

    @Override
    public Integer call() throws Exception {
        System.out.println("machine: " + Machine.current().describe());
        System.out.println("load average before: " + BenchSystem.loadAverage());
        RunHistory history = new RunHistory("history", runs, resultsPerRun);
        Path directory = data == null ? Files.createTempDirectory("pd-bench") : data.toAbsolutePath();
        Path repository = Path.of(System.getProperty("pd.home", ".")).toAbsolutePath().normalize();
        ServiceSpec resultsApi = new ServiceSpec("results-api", "results-api", 0, 0, heapMb);
        try (LocalSystem system = LocalSystem.start(repository, directory, EmbeddedStack.Ports.ANY,
                List.of(resultsApi), message -> System.out.println("  " + message))) {
            long began = System.nanoTime();
            long bytes = history.write(system.stack().bootstrapServers(), done ->
                    System.out.printf(Locale.ROOT, "  wrote %d of %d runs%n", done, runs));
            System.out.printf(Locale.ROOT, "history: %d runs, %d results, %d run events, %.0f MB of record values, "
                    + "written in %.1f s%n", runs, (long) runs * resultsPerRun, (long) runs * 23, bytes / 1e6,
                    (System.nanoTime() - began) / 1e9);
            List<Double> readySeconds = new ArrayList<>();
            for (int restart = 1; restart <= restarts; restart++) {
                long start = System.nanoTime();
                ServiceProcess process = system.restart("results-api");
                double seconds = (System.nanoTime() - start) / 1e9;
                readySeconds.add(seconds);
                String checked = checkSample(system, history);
                System.out.printf(Locale.ROOT, "restart %d: ready after %.1f s (%s); peak RSS %s; %s%n", restart,
                        seconds, catchUp(process.log()), process.peakRss(), checked);
            }
            readySeconds.sort(Double::compare);
            System.out.printf(Locale.ROOT, "restart to ready: median %.1f s over %d restarts%n",
                    readySeconds.get(readySeconds.size() / 2), readySeconds.size());
            System.out.println("load average after: " + BenchSystem.loadAverage());
        } finally {
            if (data == null) {
                BenchSystem.deleteTree(directory);
            }
        }
        return 0;
    }

    /** Asks for a spread of runs, the last included, at once; each must be complete with all its results. */
    private static String checkSample(LocalSystem system, RunHistory history) throws InterruptedException {
        try (RunClient client = new RunClient(system.grpcTarget())) {
            int step = Math.max(1, history.runs() / SAMPLE);
            int asked = 0;
            for (int index = history.runs() - 1; index >= 0; index -= step) {
                Run run = client.get(history.runId(index));
                if (run.getStatus() != RunStatus.RUN_STATUS_COMPLETED || run.getResults() != history.resultsPerRun()
                        || run.getSourcesCount() != history.sourcesPerRun()) {
                    throw new IllegalStateException("run " + run.getRunId() + " came back " + run.getStatus() + " with "
                            + run.getResults() + " results and " + run.getSourcesCount() + " sources");
                }
                asked++;
            }
            return asked + " runs asked at once, each complete";
        }
    }

    /** The catalog's own account of its catch-up, from the last such line of its log. */
    private static String catchUp(Path log) throws java.io.IOException {
        String found = "catch-up time not in the log";
        for (String line : Files.readAllLines(log)) {
            Matcher matcher = CAUGHT_UP.matcher(line);
            if (matcher.find()) {
                found = String.format(Locale.ROOT, "catalog read %s log records in %s s", matcher.group(1),
                        matcher.group(2));
            }
        }
        return found;
    }
}
