package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SourceStatus;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.launcher.LocalSystem;
import org.prunedistill.launcher.Pd;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.SampleRecording;
import org.prunedistill.launcher.ServiceSpec;

/**
 * Inputs travel by upload: a system of its own whose extractor may read no file of the client (its input root is an
 * empty directory of its own), and {@code ./pd run} given local files of every kind: a recorded area, an area of two
 * sessions, its condition table, an imported ONNX checkpoint, and a folder of images with its metadata table. The
 * run uploads them and completes; the same command again uploads nothing, as the client says and as results-api's
 * log of stored uploads shows; the same files named by {@code file://} are refused by the extractor.
 */
class InputUploadIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final Path TINY_CNN = Path.of("../activation-extractor/core/src/test/resources/onnx/tiny_cnn.onnx")
            .toAbsolutePath().normalize();
    private static final String PREPROCESSING = "{\"resize\":4,\"crop\":4,\"channels\":1,\"channel_order\":\"RGB\","
            + "\"pixel_scale\":1,\"mean\":[0.5],\"std\":[0.25]}";
    /** v1.npy, day1.npy, day2.npy, conditions.json, tiny_cnn.onnx, the image folder and its metadata.csv. */
    private static final int LOCAL_INPUTS = 7;
    private static final String STORED = "stored the upload of";

    @TempDir
    static Path data;
    @TempDir
    static Path client;

    private static LocalSystem system;
    private static Path extractorRoot;

    @BeforeAll
    static void start() throws Exception {
        Path repository = Path.of(System.getProperty("pd.home", "..")).toAbsolutePath().normalize();
        extractorRoot = Files.createDirectories(data.resolve("extractor-inputs"));
        List<ServiceSpec> services = ServiceSpec.withDecodingProfile(ServiceSpec.DEFAULTS.stream()
                .map(ServiceSpec::onFreePorts)
                .map(service -> service.name().equals("activation-extractor")
                        ? service.with("PD_INPUT_ROOTS", extractorRoot.toString()) : service)
                .toList(), "quick");
        system = LocalSystem.start(repository, data, EmbeddedStack.Ports.ANY, services, message -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void localFilesOfEveryKindAreUploadedOnceAndTheRunCompletes() throws Exception {
        List<String> command = runCommand();

        Output first = pd(command, "uploaded-first");

        assertEquals(0, first.exit(), first.toString());
        assertEquals(LOCAL_INPUTS, count(first.err(), "pd: uploaded "), first.err());
        assertEquals(LOCAL_INPUTS, count(Files.readString(resultsApiLog()), STORED));
        Run run = run("uploaded-first");
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), run.getFailureReason());
        assertEquals(List.of(), localUris(run.getSpec()), "the run names only uploads");
        List<String> sources = run.getSourcesList().stream().map(SourceStatus::getSource)
                .map(source -> source.getOrigin() + ":" + source.getName()).distinct().sorted().toList();
        assertTrue(sources.containsAll(List.of("recording:LL", "recording:V1", "tiny-cnn:logits")), sources.toString());
        assertEquals("user", run.getSpec().getStimuli().getSet());
        for (SourceStatus source : run.getSourcesList()) {
            assertEquals(List.of("information", "intrinsic-dimension"), source.getAnalysesDoneList(),
                    source.getSource().getName());
        }

        Output second = pd(command, "uploaded-again");

        assertEquals(0, second.exit(), second.toString());
        assertFalse(second.err().contains("pd: uploading"), second.err());
        assertEquals(LOCAL_INPUTS, count(second.err(), "is uploaded already"), second.err());
        assertEquals(LOCAL_INPUTS, count(Files.readString(resultsApiLog()), STORED), "results-api stored nothing");
        Run again = run("uploaded-again");
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, again.getStatus(), again.getFailureReason());
        assertEquals(run.getSpec(), again.getSpec(), "the second run names the same uploads");
    }

    @Test
    void theSameFilesNamedByPathAreRefusedByAnExtractorThatMayNotReadThem() throws Exception {
        SampleRecording.Files recording = SampleRecording.write(client.resolve("by-path"), 20, 40, 3, 4, 0.01, 5);
        RunSpec spec = RunSpec.newBuilder().addRecordings(RecordingSource.newBuilder().setArea("V1")
                .setResponsesUri(recording.responses().toUri().toString())
                .setConditionsUri(recording.conditions().toUri().toString())).build();
        try (RunClient runs = new RunClient(system.grpcTarget(), RunClient.Security.PLAINTEXT)) {
            runs.submit("by-path", spec);
            Run run = runs.follow("by-path", RUN_TIMEOUT, update -> { });
            assertEquals(RunStatus.RUN_STATUS_FAILED, run.getStatus());
            assertTrue(run.getFailureReason().contains("lies outside the input roots this deployment allows"),
                    run.getFailureReason());
        }
    }

    /** ./pd run with every kind of local input, written under the client's own directory. */
    private static List<String> runCommand() throws Exception {
        SampleRecording.Files v1 = SampleRecording.write(client.resolve("v1"), 40, 60, 4, 6, 0.005, 11);
        SampleRecording.Files day1 = SampleRecording.write(client.resolve("day1"), 20, 60, 4, 6, 0.005, 12);
        SampleRecording.Files day2 = SampleRecording.write(client.resolve("day2"), 25, 60, 4, 6, 0.005, 13);
        Path preprocessing = Files.writeString(client.resolve("preprocessing.json"), PREPROCESSING);
        Path images = Files.createDirectories(client.resolve("images"));
        StringBuilder csv = new StringBuilder("id,file,object,axis,value\n");
        for (int object = 0; object < 3; object++) {
            for (int view = 0; view < 4; view++) {
                String file = "o" + object + "v" + view + ".png";
                writeImage(images.resolve(file), object, view);
                csv.append(file).append(',').append(file).append(",object-").append(object).append(",position,")
                        .append(view * 5).append('\n');
            }
        }
        Path metadata = Files.writeString(client.resolve("metadata.csv"), csv);
        return List.of("run", "--target", system.grpcTarget(), "--timeout", RUN_TIMEOUT.toString(),
                "--area", "V1=" + v1.responses(), "--session", "LL=" + day1.responses(),
                "--session", "LL=" + day2.responses() + ":0-59", "--conditions", v1.conditions().toString(),
                "--model", "tiny-cnn", "--onnx-checkpoint", "epoch-0=" + TINY_CNN,
                "--preprocessing", preprocessing.toString(),
                "--images", images.toString(), "--metadata", metadata.toString(), "--trials", "2");
    }

    private record Output(int exit, String out, String err) {
    }

    /** {@code ./pd run --run-id RUN ARGUMENTS}, in this JVM, its standard output and error captured. */
    private static Output pd(List<String> arguments, String runId) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> command = new ArrayList<>(arguments);
        command.addAll(List.of("--run-id", runId));
        int exit = Pd.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(command.toArray(String[]::new));
        return new Output(exit, out.toString(), err.toString());
    }

    private static Run run(String runId) throws Exception {
        try (RunClient runs = new RunClient(system.grpcTarget(), RunClient.Security.PLAINTEXT)) {
            return runs.get(runId);
        }
    }

    /** Every URI of the spec that names a path rather than an upload. */
    private static List<String> localUris(RunSpec spec) {
        List<String> uris = new ArrayList<>(List.of(spec.getStimuli().getImagesUri(),
                spec.getStimuli().getMetadataUri()));
        spec.getRecordingsList().forEach(area -> {
            uris.add(area.getResponsesUri());
            uris.add(area.getConditionsUri());
            area.getSessionsList().forEach(session -> uris.add(session.getResponsesUri()));
        });
        spec.getModelsList().forEach(model -> model.getOnnxCheckpointsList().forEach(c -> uris.add(c.getUri())));
        return uris.stream().filter(uri -> !uri.isEmpty() && !uri.startsWith("s3://")).toList();
    }

    private static Path resultsApiLog() {
        return system.service("results-api").log();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** A bright square whose size depends on the object and whose place on the view. */
    private static void writeImage(Path file, int object, int view) throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        int side = 10 + 8 * object;
        for (int y = 20; y < 20 + side && y < 64; y++) {
            for (int x = 4 + 6 * view; x < 4 + 6 * view + side && x < 64; x++) {
                image.getRaster().setSample(x, y, 0, 200);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
