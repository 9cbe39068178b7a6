package org.prunedistill.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.prunedistill.api.v1.Run;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.launcher.LocalSystem;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.SampleRecording;
import org.prunedistill.launcher.ServiceSpec;

/**
 * One running system for every system test of the JVM: the in-process Kafka and S3 server and the four packaged
 * services on free ports, plus one reference run completed on it. Started by the first test class that asks, stopped
 * when JUnit finishes.
 */
public final class RunningSystem implements ExtensionContext.Store.CloseableResource {

    static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    static final String REFERENCE_RUN = "reference";

    private static RunningSystem instance;

    private final Path data;
    private final LocalSystem system;
    private final RunClient client;
    private Run referenceRun;

    private RunningSystem(Path data, LocalSystem system) {
        this.data = data;
        this.system = system;
        this.client = new RunClient(system.grpcTarget());
    }

    /** Starts the system unless it runs already; JUnit closes it when every test has run. */
    static void startOnce(ExtensionContext context) throws Exception {
        synchronized (RunningSystem.class) {
            if (instance == null) {
                Path data = Files.createTempDirectory("pd-system-test");
                Path repository = Path.of(System.getProperty("pd.home", "..")).toAbsolutePath().normalize();
                // The quick decoding profile: these tests are about the system, not the paper's sample sizes.
                List<ServiceSpec> services = ServiceSpec.withDecodingProfile(ServiceSpec.DEFAULTS.stream()
                        .map(ServiceSpec::onFreePorts).toList(), "quick");
                instance = new RunningSystem(data,
                        LocalSystem.start(repository, data, EmbeddedStack.Ports.ANY, services, message -> { }));
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningSystem.class, instance);
            }
        }
    }

    static RunningSystem get() {
        return instance;
    }

    LocalSystem system() {
        return system;
    }

    RunClient client() {
        return client;
    }

    Path data() {
        return data;
    }

    /** A run of the built-in CNN (two layers) and a synthetic recording of known dimension, completed once. */
    synchronized Run referenceRun() throws Exception {
        if (referenceRun == null) {
            client.submit(REFERENCE_RUN, referenceSpec(data));
            referenceRun = client.follow(REFERENCE_RUN, RUN_TIMEOUT, run -> { });
        }
        return referenceRun;
    }

    static RunSpec referenceSpec(Path data) throws Exception {
        SampleRecording.Files recording = SampleRecording.write(data.resolve("samples/synthetic-2d"), 60, 300, 4, 6,
                0.005, 11);
        return RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("rat-objects").setSeed(3).setTrials(2))
                .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small").addCheckpoints("random-1")
                        .addLayers("pool2").addLayers("fc1"))
                .addRecordings(RecordingSource.newBuilder().setArea("synthetic-2d")
                        .setResponsesUri(recording.responses().toUri().toString())
                        .setConditionsUri(recording.conditions().toUri().toString()))
                .build();
    }

    /** Stops everything, keeps the services' logs in target/system-logs for a look after a failure, deletes the rest. */
    @Override
    public void close() throws Throwable {
        client.close();
        system.close();
        Path logs = Path.of("target/system-logs");
        Files.createDirectories(logs);
        try (var files = Files.list(data.resolve("logs"))) {
            for (Path log : files.toList()) {
                Files.copy(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (var tree = Files.walk(data)) {
            for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
