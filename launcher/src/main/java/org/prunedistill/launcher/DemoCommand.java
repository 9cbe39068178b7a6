package org.prunedistill.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd demo}: the main job on the embedded default. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job: start the embedded default, run the rat stimulus design (or the smaller "
                + "shapes set) through two random checkpoints of the built-in CNN and a synthetic recording (a known 2-D manifold), follow the run "
                + "and print ID and information per source as read back over gRPC."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--keep-running", description = "keep the system up after the run, until Ctrl-C")
    boolean keepRunning;

    @Option(names = "--stimulus-set", defaultValue = "rat-objects", description = "rat-objects (the rat design: "
            + "10 objects x 38 views) or shapes (smaller and faster) (default: ${DEFAULT-VALUE})")
    String stimulusSet;

    @Option(names = "--free-ports", description = "use free ports instead of the defaults (9092, 9100, 9000, "
            + "8080-8083)")
    boolean freePorts;

    @Override
    public Integer call() throws Exception {
        Path dataDirectory = data.toAbsolutePath();
        SampleRecording.Files recording = SampleRecording.write(dataDirectory.resolve("samples/synthetic-2d"),
                60, 400, 6, 8, 0.002, 7);
        var specs = freePorts ? ServiceSpec.DEFAULTS.stream().map(ServiceSpec::onFreePorts).toList()
                : ServiceSpec.DEFAULTS;
        EmbeddedStack.Ports ports = freePorts ? EmbeddedStack.Ports.ANY : EmbeddedStack.Ports.DEFAULT;
        try (LocalSystem system = LocalSystem.start(Pd.repository(), dataDirectory, ports, specs,
                message -> System.out.println("pd: " + message));
             RunClient client = new RunClient(system.grpcTarget())) {
            Run finished = RunCommand.submitAndFollow(client, "", spec(recording, stimulusSet), Duration.ofMinutes(20),
                    System.out);
            if (keepRunning) {
                System.out.println("pd: the system stays up (results-api gRPC " + system.grpcTarget()
                        + "); Ctrl-C to stop");
                new CountDownLatch(1).await();
            }
            return finished.getStatus() == RunStatus.RUN_STATUS_COMPLETED ? 0 : 1;
        }
    }

    static RunSpec spec(SampleRecording.Files recording, String stimulusSet) {
        return RunSpec.newBuilder()
                .setLabel("demo: built-in CNN (random weights) and a synthetic 2-D recording")
                .setStimuli(StimulusSpec.newBuilder().setSet(stimulusSet).setSeed(1))
                .addModels(ModelSource.newBuilder().setModel("builtin-cnn").addCheckpoints("random-1")
                        .addCheckpoints("random-2"))
                .addRecordings(RecordingSource.newBuilder().setArea("synthetic-2d")
                        .setResponsesUri(recording.responses().toUri().toString())
                        .setConditionsUri(recording.conditions().toUri().toString()))
                .build();
    }
}
