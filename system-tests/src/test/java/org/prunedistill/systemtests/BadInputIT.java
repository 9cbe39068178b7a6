package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SourceStatus;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.messaging.Topic;
import org.prunedistill.testsupport.CraftedEvents;

/**
 * Bad input never stops the pipeline or loses data: each case gets a clear failure or warning naming the cause,
 * poison records land in the dead-letter topic and fail their run, the consumers keep running and no result is
 * duplicated.
 */
@ExtendWith(WithRunningSystem.class)
class BadInputIT {

    private static final Duration DEADLINE = Duration.ofMinutes(2);

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
    void undecodableRecordIsDeadLetteredWithItsCauseAndTheConsumersGoOn() throws Exception {
        byte[] garbage = "this is not a protobuf event".getBytes(StandardCharsets.UTF_8);
        events.send(Topic.ACTIVATIONS, "garbage", garbage);

        ConsumerRecord<String, byte[]> dead = events.awaitRecord(Topic.ACTIVATIONS_DEAD_LETTERS,
                record -> Arrays.equals(record.value(), garbage), DEADLINE);
        String reason = header(dead, "dead-letter-reason");
        assertTrue(reason.contains("not a valid protobuf event"), reason);
        assertEquals(Topic.ACTIVATIONS.topicName(), header(dead, "dead-letter-topic"));

        SourceRef source = CraftedEvents.source("after-poison", "V1");
        publishValidSource(source, 1);
        events.finishExtraction("after-poison", source);
        Run run = awaitSettled("after-poison");
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus());
        assertEquals(List.of("information", "intrinsic-dimension"), sorted(run.getSources(0).getAnalysesDoneList()));
    }

    @Test
    void truncatedTensorFailsTheSourceNamingTheObject() throws Exception {
        SourceRef source = CraftedEvents.source("truncated", "V1");
        byte[] whole = Npy.write(FloatTensor.ofFloats(new float[CraftedEvents.CONDITIONS * CraftedEvents.TRIALS
                * CraftedEvents.UNITS], CraftedEvents.CONDITIONS, CraftedEvents.TRIALS, CraftedEvents.UNITS));
        ObjectRef truncated = events.store().put(ObjectKeys.TENSORS, "npy", Arrays.copyOf(whole, whole.length - 100),
                "<f4").toBuilder().addShape(CraftedEvents.CONDITIONS).addShape(CraftedEvents.TRIALS)
                .addShape(CraftedEvents.UNITS).build();

        Run run = publishManifestAndAwaitFailures(source, truncated);
        assertEveryFailureNames(run, "truncated data");
        assertEveryFailureNames(run, truncated.getKey());
    }

    @Test
    void checksumMismatchFailsTheSourceNamingBothSums() throws Exception {
        SourceRef source = CraftedEvents.source("checksum", "V1");
        ObjectRef real = events.storeBatches(source, 2).get(0).getTensor();
        ObjectRef lying = real.toBuilder().setSha256("0".repeat(64)).build();

        Run run = publishManifestAndAwaitFailures(source, lying);
        assertEveryFailureNames(run, "has sha256 " + real.getSha256() + ", the event claims " + "0".repeat(64));
    }

    @Test
    void tensorOfAnotherShapeThanClaimedFailsTheSourceNamingBothShapes() throws Exception {
        SourceRef source = CraftedEvents.source("mis-shaped", "V1");
        ObjectRef real = events.storeBatches(source, 6).get(0).getTensor();
        ObjectRef claimed = real.toBuilder().setShape(2, CraftedEvents.UNITS + 1).build();

        Run run = publishManifestAndAwaitFailures(source, claimed);
        assertEveryFailureNames(run, "holds shape [10, 3, 6], the event claims [10, 3, 7]");
    }

    @Test
    void missingObjectFailsTheSourceNamingTheKey() throws Exception {
        SourceRef source = CraftedEvents.source("missing", "V1");
        ObjectRef real = events.storeBatches(source, 3).get(0).getTensor();
        ObjectRef absent = real.toBuilder().setKey("tensors/" + "f".repeat(64) + ".npy").build();

        Run run = publishManifestAndAwaitFailures(source, absent);
        assertEveryFailureNames(run, "tensors/" + "f".repeat(64) + ".npy does not exist");
    }

    @Test
    void duplicatedAndReorderedBatchesWarnButNeverDuplicateAResult() throws Exception {
        String runId = "duplicates";
        SourceRef source = CraftedEvents.source(runId, "V1");
        List<ActivationBatch> batches = events.storeBatches(source, 4);
        for (int index : new int[] {0, 2, 1, 1, 3}) {
            events.publish(batches.get(index));
        }
        var manifest = events.manifest(source, batches.stream().map(ActivationBatch::getTensor).toList());
        events.publish(manifest);
        events.publish(manifest);
        events.finishExtraction(runId, source);

        Run run = awaitSettled(runId);
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus());
        int results = run.getResults();
        assertTrue(results > 4, "every ID estimator and scale and both information quantities: " + results);

        // The manifest came twice, so each result is published twice; the compacted topic and the API keep one each.
        String prefix = SourceKeys.sourceKey(source) + "/";
        java.util.Set<String> keys = new java.util.HashSet<>();
        AtomicInteger published = new AtomicInteger();
        events.awaitRecord(Topic.RESULTS, record -> {
            if (!record.key().startsWith(prefix)) {
                return false;
            }
            keys.add(record.key());
            return published.incrementAndGet() == 2 * results;
        }, DEADLINE);
        assertEquals(results, keys.size());
        assertEquals(results, client.get(runId).getResults(), "no result counted twice");
        assertTrue(run.getWarningsList().stream().anyMatch(w -> w.startsWith("duplicate batch 1 of "
                        + SourceKeys.sourceKey(source) + " ignored")),
                run.getWarningsList().toString());
        assertTrue(run.getWarningsList().stream().anyMatch(w -> w.contains("arrived after batch 2")),
                run.getWarningsList().toString());
    }

    @Test
    void eventWhoseKeyDiffersFromItsSourceIsDeadLettered() throws Exception {
        SourceRef source = CraftedEvents.source("wrong-key", "V1");
        List<ActivationBatch> batches = events.storeBatches(source, 5);
        byte[] manifest = org.prunedistill.events.v1.ActivationEvent.newBuilder()
                .setManifest(events.manifest(source, batches.stream().map(ActivationBatch::getTensor).toList()))
                .build().toByteArray();
        events.send(Topic.ACTIVATIONS, "not-the-source-key", manifest);

        ConsumerRecord<String, byte[]> dead = events.awaitRecord(Topic.ACTIVATIONS_DEAD_LETTERS,
                record -> "not-the-source-key".equals(record.key()), DEADLINE);
        assertTrue(header(dead, "dead-letter-reason").contains("differs from the source key"));
        Run run = awaitStatus(RunStatus.RUN_STATUS_FAILED, "wrong-key");
        assertTrue(run.getFailureReason().contains("record key 'not-the-source-key' differs from the source key"),
                "the run the event names fails: " + run.getFailureReason());
    }

    @Test
    void unknownRunIsNotFound() {
        StatusRuntimeException error = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> client.get("no-such-run"));
        assertEquals(io.grpc.Status.Code.NOT_FOUND, error.getStatus().getCode());
        assertTrue(error.getStatus().getDescription().contains("no-such-run"));
    }

    private void publishValidSource(SourceRef source, long seed) throws Exception {
        List<ActivationBatch> batches = events.storeBatches(source, seed);
        for (ActivationBatch batch : batches) {
            events.publish(batch);
        }
        events.publish(events.manifest(source, batches.stream().map(ActivationBatch::getTensor).toList()));
    }

    /**
     * Publishes a one-batch manifest and waits until both analyses have failed on it: the run has failed, its source
     * lists both failures.
     */
    private Run publishManifestAndAwaitFailures(SourceRef source, ObjectRef batch) throws Exception {
        events.publish(events.manifest(source, List.of(batch)));
        events.finishExtraction(source.getRunId(), source);
        Run[] last = new Run[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            last[0] = client.get(source.getRunId());
            return last[0].getStatus() == RunStatus.RUN_STATUS_FAILED
                    && last[0].getSources(0).getFailuresCount() == 2;
        });
        SourceStatus status = last[0].getSources(0);
        assertEquals(List.of("information", "intrinsic-dimension"), status.getFailuresList().stream()
                .map(failure -> failure.getAnalysis()).sorted().toList(), "each failure names its analysis");
        assertEquals(List.of(), status.getAnalysesDoneList());
        return last[0];
    }

    /** The run's reason and each of its source's failures name the cause. */
    private static void assertEveryFailureNames(Run run, String cause) {
        assertTrue(run.getFailureReason().matches(".+ dead-lettered pd\\.activations\\[\\d+\\]@\\d+: .+")
                && run.getFailureReason().contains(cause), run.getFailureReason());
        run.getSources(0).getFailuresList().forEach(failure -> assertTrue(failure.getReason().contains(cause),
                failure.toString()));
    }

    private Run awaitSettled(String runId) {
        return awaitStatus(RunStatus.RUN_STATUS_COMPLETED, runId);
    }

    private Run awaitStatus(RunStatus status, String runId) {
        Run[] last = new Run[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            last[0] = client.get(runId);
            return last[0].getStatus() == status;
        });
        return last[0];
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, "header " + name + " on the dead letter");
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
