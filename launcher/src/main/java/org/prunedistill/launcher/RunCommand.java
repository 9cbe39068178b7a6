package org.prunedistill.launcher;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.launcher.report.RunProfiles;
import org.prunedistill.launcher.report.SummaryTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./pd run}: submit a run to a running system and follow it to its results. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Upload the run's local files to results-api (each once: a file it holds already is not sent "
                + "again), submit the run (start the system first with './pd up', or point --target at a remote "
                + "one), follow its progress and print the ID and information per source, read back over gRPC."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--target", defaultValue = "127.0.0.1:9000", description = "results-api gRPC address "
            + "(default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--tls", description = "speak TLS to results-api (also PD_API_TLS=true; PD_API_TLS_TRUST names a "
            + "PEM certificate to trust, e.g. a self-signed one). PD_API_TOKEN, when set, is sent as the bearer token")
    boolean tls;

    @Option(names = "--run-id", defaultValue = "", description = "id of the run (default: a new one)")
    String runId;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "give up following after this long "
            + "(ISO-8601, default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        RunClient.Security security = RunClient.Security.fromEnvironment(System.getenv());
        try (RunClient client = new RunClient(target, tls ? security.withTls() : security)) {
            Run finished = submitAndFollow(client, runId, options.toSpec(), timeout,
                    command.commandLine().getOut(), command.commandLine().getErr());
            return finished.getStatus() == RunStatus.RUN_STATUS_COMPLETED ? 0 : 1;
        }
    }

    /**
     * What the user should know about how the run was analysed: imported layers whose receptive field the graph does
     * not tell, so their RF luminance and contrast are the whole image's (once per distinct statement).
     */
    static List<String> notes(Run run) {
        return run.getSourcesList().stream()
                .map(source -> source.getProvenanceMap().getOrDefault("receptive_fields", ""))
                .filter(fields -> fields.contains("whole image for"))
                .distinct()
                .map(fields -> "receptive fields " + fields)
                .toList();
    }

    /**
     * Uploads the spec's local files (their progress on {@code err}), submits, prints progress until the run ends,
     * then prints its summary table.
     */
    static Run submitAndFollow(RunClient client, String runId, RunSpec spec, Duration timeout, PrintWriter out,
                               PrintWriter err) {
        ProgressPrinter printer = new ProgressPrinter(out);
        client.whileWaiting(printer::waiting);
        Run submitted = client.submit(runId, new InputUploader(client, err).upload(spec));
        out.println("pd: run " + submitted.getRunId() + " submitted");
        Run finished = client.follow(submitted.getRunId(), timeout, printer::update);
        finished.getWarningsList().forEach(warning -> out.println("pd: warning: " + warning));
        notes(finished).forEach(note -> out.println("pd: note: " + note));
        finished.getSourcesList().forEach(source -> source.getFailuresList().forEach(failure ->
                out.println("pd: " + source.getSource().getName() + ": " + failure.getAnalysis() + " failed: "
                        + failure.getReason())));
        if (finished.getStatus() == RunStatus.RUN_STATUS_FAILED) {
            out.println("pd: run " + finished.getRunId() + " failed: " + finished.getFailureReason());
            return finished;
        }
        out.println();
        out.print(SummaryTable.format(RunProfiles.read(client, finished)));
        out.flush();
        return finished;
    }
}
