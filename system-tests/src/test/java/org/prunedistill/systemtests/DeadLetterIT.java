package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.SampleRecording;
import org.prunedistill.messaging.Topic;
import org.prunedistill.testsupport.CraftedEvents;

/**
 * A record a consumer dead-letters fails the run it belongs to, with what was wrong and where, visible over gRPC and
 * REST within seconds; an {@link Error} in a service is no exception to it, and the service goes on.
 */
@ExtendWith(WithRunningSystem.class)
class DeadLetterIT {

    /** Reading a 1 GB recording into the extractor's 1.5 GB heap, then decoding it, on the loaded build machine. */
    private static final Duration DEAD_LETTER = Duration.ofMinutes(2);
    /** From the dead letter to the failed run over gRPC and REST. */
    private static final Duration SECONDS = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RunningSystem running = RunningSystem.get();
    private final RunClient client = running.client();
    private CraftedEvents events;

    @BeforeEach
    void connect() {
        events = new CraftedEvents(running.system().stack());
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void aSubmissionThatRunsTheExtractorOutOfMemoryFailsItsRunAndTheExtractorGoesOn() throws Exception {
        SampleRecording.Files sample = SampleRecording.write(running.data().resolve("samples/dead-letter"), 12, 40, 3,
                4, 0.01, 23);
        client.submit("endless-recording", RunSpec.newBuilder().addRecordings(RecordingSource.newBuilder()
                .setArea("V1").setResponsesUri(justUnderTheSizeLimit(sample.responses().resolveSibling("huge.npy"))
                        .toUri().toString())
                .setConditionsUri(sample.conditions().toUri().toString())).build());

        ConsumerRecord<String, byte[]> dead = events.awaitRecord(Topic.RUN_EVENTS_DEAD_LETTERS,
                record -> "endless-recording".equals(record.key()), DEAD_LETTER);
        String deadLetterReason = CraftedEvents.header(dead, "dead-letter-reason");
        assertTrue(deadLetterReason.contains("OutOfMemoryError"), deadLetterReason);
        Run run = awaitFailed("endless-recording");
        String where = Topic.RUN_EVENTS.topicName() + "[" + CraftedEvents.header(dead, "dead-letter-partition")
                + "]@" + CraftedEvents.header(dead, "dead-letter-offset");
        assertTrue(run.getFailureReason().startsWith("activation-extractor dead-lettered " + where
                + ": OutOfMemoryError: "), run.getFailureReason());
        assertTrue(run.getFailureReason().contains("(at org.prunedistill."), "where it happened: "
                + run.getFailureReason());
        String json = rest("/api/runs/endless-recording");
        assertTrue(json.contains("\"status\": \"RUN_STATUS_FAILED\"") && json.contains("OutOfMemoryError"), json);

        client.submit("after-out-of-memory", RunSpec.newBuilder().addRecordings(RecordingSource.newBuilder()
                .setArea("V1").setResponsesUri(sample.responses().toUri().toString())
                .setConditionsUri(sample.conditions().toUri().toString())).build());
        Run after = client.follow("after-out-of-memory", RunningSystem.RUN_TIMEOUT, update -> { });
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, after.getStatus(), after.getFailureReason());
    }

    /**
     * A sparse {@code .npy} of float32 zeros just under the store's 1 GiB limit (the extractor reads inputs up to it):
     * its bytes fit the extractor's heap, its decoded floats beside them do not.
     */
    private static Path justUnderTheSizeLimit(Path file) throws IOException {
        long floats = ((1L << 30) - 1024) / 4;
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + floats + ",), }";
        int padding = 63 - (10 + dict.length()) % 64;
        byte[] header = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length,
                (byte) (header.length >> 8)});
            out.write(header);
            out.setLength(10 + header.length + 4 * floats);
        }
        return file;
    }

    @Test
    void anUndecodableSubmissionFailsTheRunItsKeyNames() throws Exception {
        ConsumerRecord<String, byte[]> dead = events.sendUndecodableAndAwaitDeadLetter(Topic.RUN_EVENTS,
                "garbled-submission", DEAD_LETTER);

        Run run = awaitFailed("garbled-submission");
        assertTrue(run.getFailureReason().contains(" dead-lettered " + Topic.RUN_EVENTS.topicName() + "["
                + CraftedEvents.header(dead, "dead-letter-partition") + "]@"
                + CraftedEvents.header(dead, "dead-letter-offset") + ": not a valid protobuf event"),
                run.getFailureReason());
    }

    @Test
    void aPoisonedActivationBatchFailsItsRunNamingTheBatch() throws Exception {
        SourceRef source = CraftedEvents.source("poisoned-batch", "V1");
        List<ActivationBatch> batches = events.storeBatches(source, 8);
        ActivationBatch poisoned = batches.get(1).toBuilder().setBatchIndex(7).build();
        events.publish(batches.get(0));
        events.publish(poisoned);

        Run run = awaitFailed("poisoned-batch");
        assertTrue(run.getFailureReason().matches(".+ dead-lettered pd\\.activations\\[\\d+\\]@\\d+: batch index 7 "
                + "outside 0\\.\\.3"), run.getFailureReason());
        assertTrue(rest("/api/runs/poisoned-batch").contains("batch index 7 outside 0..3"));
    }

    private Run awaitFailed(String runId) {
        Run[] last = new Run[1];
        await("run " + runId + " failed").atMost(SECONDS).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    last[0] = client.get(runId);
                    return last[0].getStatus() == RunStatus.RUN_STATUS_FAILED;
                });
        return last[0];
    }

    private String rest(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + running.system().service("results-api").httpPort() + path);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
