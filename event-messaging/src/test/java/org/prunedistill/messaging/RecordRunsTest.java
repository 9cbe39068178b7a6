package org.prunedistill.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ActivationEvent;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;

/** A dead-lettered record's run is told from its payload, else its key, else not at all. */
class RecordRunsTest {

    private static final byte[] GARBAGE = "this is not a protobuf event".getBytes(StandardCharsets.UTF_8);
    private static final SourceRef SOURCE = SourceRef.newBuilder().setRunId("run-7").setKind(SourceKind.SOURCE_KIND_AREA)
            .setName("V1").build();

    @Test
    void aRunEventsRunIsTheOneItsPayloadNames() {
        byte[] event = RunEvent.newBuilder().setRunId("named-run").build().toByteArray();
        assertEquals(Optional.of("named-run"), RecordRuns.ofRunEvent("key-run", event));
    }

    @Test
    void anUndecodableRunEventBelongsToTheRunItsKeyNames() {
        assertEquals(Optional.of("key-run"), RecordRuns.ofRunEvent("key-run", GARBAGE));
        assertEquals(Optional.of("key-run"), RecordRuns.ofRunEvent("key-run", null));
    }

    @Test
    void aKeyThatIsNoRunIdNamesNoRun() {
        assertEquals(Optional.empty(), RecordRuns.ofRunEvent("a/b", GARBAGE));
        assertEquals(Optional.empty(), RecordRuns.ofRunEvent("", GARBAGE));
        assertEquals(Optional.empty(), RecordRuns.ofRunEvent(null, GARBAGE));
    }

    @Test
    void anActivationBelongsToTheRunOfTheSourceItNamesEvenUnderAnotherKey() {
        byte[] manifest = ActivationEvent.newBuilder().setManifest(SourceManifest.newBuilder().setSource(SOURCE))
                .build().toByteArray();
        byte[] batch = ActivationEvent.newBuilder().setBatch(ActivationBatch.newBuilder().setSource(SOURCE))
                .build().toByteArray();
        assertEquals(Optional.of("run-7"), RecordRuns.ofActivation("not-the-source-key", manifest));
        assertEquals(Optional.of("run-7"), RecordRuns.ofActivation(SourceKeys.sourceKey(SOURCE), batch));
    }

    @Test
    void anUndecodableActivationBelongsToTheRunOfItsSourceKey() {
        assertEquals(Optional.of("run-7"), RecordRuns.ofActivation(SourceKeys.sourceKey(SOURCE), GARBAGE));
        assertEquals(Optional.of("run-8"), RecordRuns.ofActivation("run-8/layer//features/0/trained", GARBAGE),
                "a layer's name may hold slashes");
    }

    @Test
    void anActivationKeyOfAnotherShapeNamesNoRun() {
        assertEquals(Optional.empty(), RecordRuns.ofActivation("garbage", GARBAGE));
        assertEquals(Optional.empty(), RecordRuns.ofActivation("run-7/V1/trained", GARBAGE));
        assertEquals(Optional.empty(), RecordRuns.ofActivation("run-7/shelf/V1/trained", GARBAGE));
        assertEquals(Optional.empty(), RecordRuns.ofActivation("../x/layer/a/b", GARBAGE));
        assertEquals(Optional.empty(), RecordRuns.ofActivation(null, null));
    }
}
