package org.prunedistill.launcher;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.embedded.EmbeddedStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./pd replay}: analyse a run again with changed estimator settings, beside its old results. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Analyse a finished run again with changed settings of one analyser (start the system first "
                + "with './pd up'), for example another PCA variance threshold. One more instance of the analyser "
                + "reads the run's activations from Kafka in a consumer group of its own; results with changed "
                + "parameters appear in results-api beside the old ones, which stay. Prints the new results.",
                "Kafka and S3: the embedded default of './pd up', or KAFKA_BOOTSTRAP_SERVERS and PD_STORE_* when "
                        + "set."},
        footer = {"", "Example: ./pd replay reference --analyser id-estimator --set pd.id.pca-threshold=0.8",
                "Settings: id-estimator's pd.id.* (fraction, gride-range, pca-threshold, subsamples, seed...; listed "
                        + "in id-estimator/service/README.md) and info-decoder's pd.info.* (info-decoder/README.md)."})
final class ReplayCommand implements Callable<Integer> {

    private static final Duration READY = Duration.ofMinutes(3);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    @Parameters(index = "0", paramLabel = "RUN", description = "id of the run to analyse again")
    String runId;

    @Option(names = "--analyser", required = true, description = "id-estimator or info-decoder")
    String analyser;

    @Option(names = "--set", required = true, paramLabel = "KEY=VALUE",
            description = "a changed setting of the analyser, e.g. pd.id.pca-threshold=0.8 (repeatable)")
    List<String> settings;

    @Option(names = "--target", defaultValue = "127.0.0.1:9000", description = "results-api gRPC address "
            + "(default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--data", defaultValue = "data", description = "data directory of './pd up'; the replay's log "
            + "goes to its logs/ (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "give up after this long (ISO-8601, "
            + "default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        Replay replay = new Replay(analyser, runId, Replay.parseSettings(settings));
        Map<String, String> environment = new LinkedHashMap<>(stackEnvironment());
        String bootstrap = environment.get("KAFKA_BOOTSTRAP_SERVERS");
        PrintStream out = System.out;
        try (RunClient client = new RunClient(target, RunClient.Security.fromEnvironment(System.getenv()))) {
            Run run = client.get(runId);
            if (run.getStatus() != RunStatus.RUN_STATUS_COMPLETED) {
                throw new IllegalArgumentException("run " + runId + " is " + run.getStatus().name()
                        .replace("RUN_STATUS_", "").toLowerCase(java.util.Locale.ROOT)
                        + (run.getFailureReason().isEmpty() ? "" : " (" + run.getFailureReason() + ")")
                        + ": only a completed run can be replayed");
            }
            List<String> before = resultLines(client, replay);
            out.println("pd: replaying run " + runId + " with " + analyser + " " + replay.settings()
                    + " (consumer group " + replay.groupId() + ")");
            environment.putAll(replay.environment());
            ServiceProcess instance = ServiceProcess.start(replay.spec(), Pd.repository(),
                    data.toAbsolutePath().resolve("logs"), environment);
            try {
                instance.awaitReady(READY);
                out.println("pd: " + analyser + " for the replay is up; log " + instance.log());
                long[] lastPrinted = {System.nanoTime() - PROGRESS_INTERVAL.toNanos() - 1};
                replay.awaitDone(bootstrap, timeout, remaining -> {
                    // A line every few seconds at most: a long replay should not flood the terminal.
                    if (remaining == 0 || System.nanoTime() - lastPrinted[0] > PROGRESS_INTERVAL.toNanos()) {
                        out.println("pd: " + remaining + " records of pd.activations left to read");
                        lastPrinted[0] = System.nanoTime();
                    }
                });
                out.println("pd: replay done: " + AnalyserScaling.analysedSources(instance) + " sources of run "
                        + runId + " analysed again");
            } finally {
                instance.close();
            }
            List<String> added = new ArrayList<>(resultLines(client, replay));
            added.removeAll(before);
            if (added.isEmpty()) {
                out.println("pd: no new results: the settings changed no result's parameters (a replay asked before"
                        + " finds its work done; a misspelt key is ignored by the analyser)");
                return 1;
            }
            out.println("pd: " + added.size() + " new results beside the " + before.size() + " there were:");
            added.forEach(line -> out.println("  " + line));
            return 0;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw new IllegalArgumentException("results-api at " + target + " knows no run '" + runId + "'", e);
            }
            throw e;
        }
    }

    /** Kafka and the store as the other services use them: from the environment if set, else ./pd up's. */
    private static Map<String, String> stackEnvironment() {
        Map<String, String> environment = System.getenv();
        if (environment.get("KAFKA_BOOTSTRAP_SERVERS") == null) {
            return EmbeddedStack.defaultServiceEnvironment();
        }
        Map<String, String> passed = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.equals("KAFKA_BOOTSTRAP_SERVERS") || name.startsWith("PD_STORE_")) {
                passed.put(name, value);
            }
        });
        return passed;
    }

    /** The run's results of the replayed analyser, one line each (source, estimator or quantity, parameters, value). */
    private static List<String> resultLines(RunClient client, Replay replay) {
        List<String> lines = new ArrayList<>();
        if (replay.analyser().equals("id-estimator")) {
            for (IdPoint point : client.idProfile(replay.runId()).getPointsList()) {
                lines.add(String.format(java.util.Locale.ROOT, "%s %s %s %s: ID %.3f", point.getSource().getName(),
                        point.getSource().getCheckpoint(), point.getEstimator(),
                        new TreeMap<>(point.getParametersMap()), point.getId()));
            }
        } else {
            for (InformationPoint point : client.informationProfile(replay.runId()).getPointsList()) {
                lines.add(String.format(java.util.Locale.ROOT, "%s %s %s (%s) %s: median %.4f bits",
                        point.getSource().getName(), point.getSource().getCheckpoint(), point.getQuantity(),
                        point.getCorrection(), new TreeMap<>(point.getParametersMap()), point.getMedian()));
            }
        }
        return lines;
    }
}
