package org.prunedistill.launcher;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.extraction.model.DeepCheckpoints;
import org.prunedistill.extraction.model.DeepCnn;
import org.prunedistill.extraction.stimuli.NaturalObjectStimulusSet;
import org.prunedistill.extraction.stimuli.RatObjectStimulusSet;
import org.prunedistill.launcher.report.RunProfiles;
import org.prunedistill.launcher.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd demo}: the main job on the embedded default. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job: start the embedded default (in-process Kafka and S3, the four services), then "
                + "two runs of the deep built-in network (builtin-cnn-deep) through every checkpoint it ships: the "
                + "rat stimulus design (10 objects x 38 views, grey, fed as 3 equal channels) with a synthetic "
                + "hierarchy of four recorded areas of known dimension (V1 3, LM 6, LI 8, LL 4; made up, not "
                + "recorded), and the held-out natural-like images (natural-objects: 50 classes x 10 exemplars, in "
                + "colour). Each run is followed and summarised (ID per layer per checkpoint, pruning and "
                + "distillation per layer, the findings) with a self-contained HTML report; the dashboard stays up "
                + "until Ctrl-C (--exit to stop instead)."},
        footer = {"", "Example: ./pd demo --exit"})
final class DemoCommand implements Callable<Integer> {

    /**
     * Trials per condition of each set in the demo: half the service's 10, so that the two sets through the deep
     * network's 8 checkpoints stay within minutes on two cores.
     */
    static final int TRIALS = 5;
    /** Units per layer in info-decoder's per-unit quantities in the demo: a seeded subset, to keep it short. */
    static final int INFO_UNITS = 1024;

    @Option(names = "--data", defaultValue = "data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--exit", description = "stop everything once the reports are written, instead of keeping the "
            + "dashboard up until Ctrl-C")
    boolean exit;

    @Option(names = "--trials", defaultValue = "" + TRIALS, description = "jittered renderings per condition of the "
            + "rat design (default: ${DEFAULT-VALUE}, half the service's 10, to keep the demo short)")
    int trials;

    @Option(names = "--natural-trials", defaultValue = "" + TRIALS, description = "noisy renderings per "
            + "condition of the natural-like images (default: ${DEFAULT-VALUE}, half the service's 10)")
    int naturalTrials;

    @Option(names = "--free-ports", description = "use free ports instead of the defaults (9092, 9100, 9000, "
            + "8080-8083)")
    boolean freePorts;

    @Option(names = "--info-units", defaultValue = "" + INFO_UNITS, description = "at most this many units of a "
            + "layer enter info-decoder's per-unit quantities, a seeded subset each result records (default: "
            + "${DEFAULT-VALUE}; 0 = every unit, the service's default; the deep network's pool1 has 32,768)")
    int infoUnits;

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
        List<String> checkpoints = DeepCheckpoints.load().names();
        System.out.println("pd: " + DeepCnn.MODEL + ", " + checkpoints.size() + " shipped checkpoints: "
                + String.join(", ", checkpoints));
        System.out.println("pd: to keep the demo within minutes, the rat design has " + trials + " and the "
                + "natural-like images " + naturalTrials + " trials per condition (the service's default is 10)"
                + (infoUnits > 0 ? " and info-decoder's "
                + "per-unit quantities use a seeded subset of at most " + infoUnits + " units per layer (every unit "
                + "by default; the ID uses every unit)" : ""));
        EmbeddedStack.Ports ports = freePorts ? EmbeddedStack.Ports.ANY : EmbeddedStack.Ports.DEFAULT;
        try (LocalSystem system = LocalSystem.start(Pd.repository(), dataDirectory, ports, services(),
                message -> System.out.println("pd: " + message));
             RunClient client = new RunClient(system.grpcTarget())) {
            String dashboard = "http://127.0.0.1:" + system.service("results-api").httpPort() + "/";
            System.out.println("pd: dashboard at " + dashboard + " (live while the runs progress)");
            List<Run> finished = new ArrayList<>();
            for (RunSpec spec : List.of(ratSpec(areas, checkpoints, trials), naturalSpec(checkpoints,
                    naturalTrials))) {
                finished.add(runAndReport(client, spec, dataDirectory));
            }
            if (!exit) {
                System.out.println("pd: the dashboard stays up at " + dashboard + "#run="
                        + finished.get(0).getRunId() + " (and #run=" + finished.get(1).getRunId() + "; gRPC "
                        + system.grpcTarget() + "); Ctrl-C to stop");
                new CountDownLatch(1).await();
            }
            return finished.stream().allMatch(run -> run.getStatus() == RunStatus.RUN_STATUS_COMPLETED) ? 0 : 1;
        }
    }

    /** The four services on their ports, info-decoder with the demo's decoding profile and unit subset. */
    private List<ServiceSpec> services() {
        List<ServiceSpec> services = ServiceSpec.withDecodingProfile(freePorts ? ServiceSpec.DEFAULTS.stream()
                .map(ServiceSpec::onFreePorts).toList() : ServiceSpec.DEFAULTS, decodingProfile);
        return infoUnits <= 0 ? services : services.stream().map(service -> service.name().startsWith("info-decoder")
                ? service.with("PD_INFO_MAX_UNITS", Integer.toString(infoUnits)) : service).toList();
    }

    /** Submits one run, follows it to its summary and writes its report when it completed. */
    private static Run runAndReport(RunClient client, RunSpec spec, Path dataDirectory) throws java.io.IOException {
        System.out.println();
        System.out.println("pd: " + spec.getLabel());
        Run run = RunCommand.submitAndFollow(client, "", spec, Duration.ofMinutes(30),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (run.getStatus() == RunStatus.RUN_STATUS_COMPLETED) {
            System.out.println("pd: report written to " + writeReport(client, run, dataDirectory));
        }
        return run;
    }

    private static Path writeReport(RunClient client, Run run, Path dataDirectory) throws java.io.IOException {
        RunProfiles profiles = RunProfiles.read(client, run);
        Path target = dataDirectory.resolve("reports").resolve(run.getRunId() + ".html");
        Files.createDirectories(target.getParent());
        Files.writeString(target, RunReport.html(profiles, Instant.now()), StandardCharsets.UTF_8);
        return target;
    }

    /** The rat design through every shipped checkpoint of the deep network, with the synthetic areas. */
    static RunSpec ratSpec(SyntheticHierarchy.Written areas, List<String> checkpoints, int trials) {
        RunSpec.Builder spec = RunSpec.newBuilder()
                .setLabel("demo, stimulus set rat-objects: " + DeepCnn.MODEL + " along training ("
                        + checkpoints.size() + " shipped checkpoints), " + trials + " trials per condition, and a "
                        + "synthetic hierarchy of 4 areas")
                .setStimuli(StimulusSpec.newBuilder().setSet(RatObjectStimulusSet.NAME).setSeed(1).setImageSize(64)
                        .setTrials(trials))
                .addModels(ModelSource.newBuilder().setModel(DeepCnn.MODEL).addAllCheckpoints(checkpoints));
        areas.responses().forEach((area, responses) -> spec.addRecordings(RecordingSource.newBuilder().setArea(area)
                .setOrder(spec.getRecordingsCount()).setResponsesUri(responses.toUri().toString())
                .setConditionsUri(areas.conditions().toUri().toString())));
        return spec.build();
    }

    /** The held-out natural-like images through every shipped checkpoint of the deep network. */
    static RunSpec naturalSpec(List<String> checkpoints, int trials) {
        return RunSpec.newBuilder()
                .setLabel("demo, stimulus set natural-objects: " + DeepCnn.MODEL + " along training ("
                        + checkpoints.size() + " shipped checkpoints) on held-out natural-like images, " + trials
                        + " trials per condition")
                .setStimuli(StimulusSpec.newBuilder().setSet(NaturalObjectStimulusSet.NAME).setSeed(1)
                        .setImageSize(64).setTrials(trials))
                .addModels(ModelSource.newBuilder().setModel(DeepCnn.MODEL).addAllCheckpoints(checkpoints))
                .build();
    }
}
