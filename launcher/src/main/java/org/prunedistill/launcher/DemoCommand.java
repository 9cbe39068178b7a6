package org.prunedistill.launcher;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.launcher.report.RunProfiles;
import org.prunedistill.launcher.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd demo}: the main job on the embedded default. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job: start the embedded default (in-process Kafka and S3, the four services), "
                + "render the rat stimulus design (10 objects x 38 views, 10 jittered trials each), run it through "
                + "the four shipped checkpoints of the built-in CNN (untrained, early, middle, trained) and a "
                + "synthetic hierarchy of four recorded areas of known dimension (V1 3, LM 6, LI 8, LL 4; made up, "
                + "not recorded), follow the run, print ID per layer per "
                + "checkpoint and pruning and distillation per layer, write a self-contained HTML report, and keep "
                + "the dashboard up until Ctrl-C (--exit to stop instead)."},
        footer = {"", "Example: ./pd demo --exit --report report.html"})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--exit", description = "stop everything once the report is written, instead of keeping the "
            + "dashboard up until Ctrl-C")
    boolean exit;

    @Option(names = "--report", description = "where to write the HTML report (default: DATA/reports/RUN.html)")
    Path report;

    @Option(names = "--stimulus-set", defaultValue = "rat-objects", description = "rat-objects (the rat design: "
            + "10 objects x 38 views) or shapes (6 objects x 22 views, faster) (default: ${DEFAULT-VALUE})")
    String stimulusSet;

    @Option(names = "--trials", defaultValue = "0", description = "jittered renderings per condition (default: the "
            + "service's, 10)")
    int trials;

    @Option(names = "--free-ports", description = "use free ports instead of the defaults (9092, 9100, 9000, "
            + "8080-8083)")
    boolean freePorts;

    @Option(names = "--decoding-profile", defaultValue = "quick", description = "info-decoder's decoding sample "
            + "sizes: quick (default here: seconds per source) or paper (every included unit and every passing "
            + "object pair, 1000 repetitions, populations of 6-96 units x 50; the service's own default)")
    String decodingProfile;

    @Override
    public Integer call() throws Exception {
        Path dataDirectory = data.toAbsolutePath();
        SyntheticHierarchy.Written areas = SyntheticHierarchy.write(dataDirectory.resolve("samples/synthetic-areas"),
                SyntheticHierarchy.RAT_AREAS, 400, 6, 8, 0.01, 7);
        System.out.println("pd: the recorded areas V1, LM, LI, LL are synthetic (planted ID 3, 6, 8, 4; luminance "
                + "information falling from V1 to LL), not recordings");
        var specs = ServiceSpec.withDecodingProfile(freePorts ? ServiceSpec.DEFAULTS.stream()
                .map(ServiceSpec::onFreePorts).toList() : ServiceSpec.DEFAULTS, decodingProfile);
        EmbeddedStack.Ports ports = freePorts ? EmbeddedStack.Ports.ANY : EmbeddedStack.Ports.DEFAULT;
        try (LocalSystem system = LocalSystem.start(Pd.repository(), dataDirectory, ports, specs,
                message -> System.out.println("pd: " + message));
             RunClient client = new RunClient(system.grpcTarget())) {
            String dashboard = "http://127.0.0.1:" + system.service("results-api").httpPort() + "/";
            System.out.println("pd: dashboard at " + dashboard + " (live while the run progresses)");
            Run finished = RunCommand.submitAndFollow(client, "", spec(areas, stimulusSet, trials),
                    Duration.ofMinutes(30), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
            if (finished.getStatus() == RunStatus.RUN_STATUS_COMPLETED) {
                Path written = writeReport(client, finished, dataDirectory);
                System.out.println("pd: report written to " + written);
            }
            if (!exit) {
                System.out.println("pd: the dashboard stays up at " + dashboard + "#run=" + finished.getRunId()
                        + " (gRPC " + system.grpcTarget() + "); Ctrl-C to stop");
                new CountDownLatch(1).await();
            }
            return finished.getStatus() == RunStatus.RUN_STATUS_COMPLETED ? 0 : 1;
        }
    }

    private Path writeReport(RunClient client, Run run, Path dataDirectory) throws java.io.IOException {
        RunProfiles profiles = RunProfiles.read(client, run);
        Path target = report != null ? report.toAbsolutePath()
                : dataDirectory.resolve("reports").resolve(run.getRunId() + ".html");
        Files.createDirectories(target.getParent());
        Files.writeString(target, RunReport.html(profiles, Instant.now()), StandardCharsets.UTF_8);
        return target;
    }

    /** The shipped checkpoints need their training size, 64 px, whichever set is rendered. */
    static RunSpec spec(SyntheticHierarchy.Written areas, String stimulusSet, int trials) {
        RunSpec.Builder spec = RunSpec.newBuilder()
                .setLabel("demo: the built-in CNN along training (4 shipped checkpoints) and a synthetic hierarchy of "
                        + "4 areas")
                .setStimuli(StimulusSpec.newBuilder().setSet(stimulusSet).setSeed(1).setImageSize(64)
                        .setTrials(trials))
                .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small").addCheckpoints("untrained")
                        .addCheckpoints("early").addCheckpoints("middle").addCheckpoints("trained"));
        areas.responses().forEach((area, responses) -> spec.addRecordings(RecordingSource.newBuilder().setArea(area)
                .setOrder(spec.getRecordingsCount()).setResponsesUri(responses.toUri().toString())
                .setConditionsUri(areas.conditions().toUri().toString())));
        return spec.build();
    }
}
