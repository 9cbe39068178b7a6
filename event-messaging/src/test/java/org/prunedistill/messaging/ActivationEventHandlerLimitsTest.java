package org.prunedistill.messaging;

import org.prunedistill.claimcheck.ClaimCheckException;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.SourceAssembler;
import org.prunedistill.claimcheck.StoreSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ActivationEvent;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;

/** The units limit and the int-overflow guard refuse a batch or manifest before anything is fetched. */
class ActivationEventHandlerLimitsTest {

    private static final SourceRef SOURCE = SourceRef.newBuilder().setRunId("run-1").setName("conv1").build();
    private static final String KEY = SourceKeys.sourceKey(SOURCE);
    /** Nothing listens there: any fetch would fail as STORE_UNAVAILABLE, not with the limit's message. */
    private static final ObjectStore UNREACHABLE = ObjectStore.connect(
            new StoreSettings("http://127.0.0.1:9", "a", "b", "bucket", "us-east-1"));

    private final List<RunEvent> runEvents = new ArrayList<>();
    private final EventPublisher publisher = new EventPublisher() {
        @Override
        public void publishResult(AnalysisResult result) {
            throw new AssertionError("no result expected");
        }

        @Override
        public void publishRunEvent(RunEvent event) {
            runEvents.add(event);
        }
    };
    private final SourceAnalysis analysis = new SourceAnalysis() {
        @Override
        public String name() {
            return "test-analysis";
        }

        @Override
        public List<AnalysisResult> analyse(SourceManifest manifest, SourceActivations tensor) {
            throw new AssertionError("must not be reached");
        }
    };

    private ActivationEventHandler handler(int maxUnits) {
        return new ActivationEventHandler("test", UNREACHABLE, analysis, publisher, maxUnits);
    }

    private static ObjectRef tensor(long... shape) {
        ObjectRef.Builder ref = ObjectRef.newBuilder().setKey("tensors/" + "ab".repeat(32) + ".npy")
                .setSha256("ab".repeat(32)).setBytes(128);
        for (long dimension : shape) {
            ref.addShape(dimension);
        }
        return ref.build();
    }

    private static byte[] batch(ObjectRef tensor) {
        ActivationBatch.Builder batch = ActivationBatch.newBuilder().setSource(SOURCE).setBatchIndex(0)
                .setBatchCount(1).setTensor(tensor);
        for (int i = 0; i < tensor.getShape(0); i++) {
            batch.addConditionIndices(i);
        }
        return ActivationEvent.newBuilder().setBatch(batch).build().toByteArray();
    }

    @Test
    void batchWithTooManyUnitsIsPoisonNamingSourceAndLimit() {
        PoisonEventException e = assertThrows(PoisonEventException.class,
                () -> handler(1000).handle(KEY, batch(tensor(2, 3, 1001)), "pd.activations[0]@7"));
        assertTrue(e.getMessage().startsWith("pd.activations[0]@7: batch 0 of " + KEY), e.getMessage());
        assertTrue(e.getMessage().contains("1001 units, more than the limit of 1000 units (pd.limits.max-units)"),
                e.getMessage());
    }

    @Test
    void batchAtTheLimitIsAccepted() {
        handler(1000).handle(KEY, batch(tensor(2, 3, 1000)), "pd.activations[0]@7");
        assertEquals(List.of(), runEvents);
    }

    @Test
    void batchWhoseElementsOverflowIntIsPoison() {
        PoisonEventException e = assertThrows(PoisonEventException.class,
                () -> handler(1_000_000).handle(KEY, batch(tensor(4, 65_536, 1 << 13)), "pd.activations[0]@8"));
        assertTrue(e.getMessage().contains(KEY), e.getMessage());
        assertTrue(e.getMessage().contains("more than the 2147483647 elements one tensor can hold"), e.getMessage());
        PoisonEventException huge = assertThrows(PoisonEventException.class,
                () -> handler(1_000_000).handle(KEY, batch(tensor(3, Long.MAX_VALUE, 5)), "pd.activations[0]@9"));
        assertTrue(huge.getMessage().contains("elements one tensor can hold"), huge.getMessage());
    }

    @Test
    void manifestOverTheLimitFailsTheSourceBeforeAnyFetch() {
        byte[] manifest = ActivationEvent.newBuilder().setManifest(SourceManifest.newBuilder().setSource(SOURCE)
                .addTotalShape(2).addTotalShape(3).addTotalShape(5000).addBatches(tensor(2, 3, 5000)))
                .build().toByteArray();
        PoisonEventException e = assertThrows(PoisonEventException.class,
                () -> handler(4096).handle(KEY, manifest, "pd.activations[1]@3"));
        assertTrue(e.getMessage().contains("test-analysis of " + KEY + " failed: manifest total_shape"),
                e.getMessage());
        assertTrue(e.getMessage().contains("limit of 4096 units (pd.limits.max-units)"), e.getMessage());
        assertEquals(2, runEvents.size(), "the run fails first, then its source: " + runEvents);
        assertTrue(runEvents.get(0).getFailed().getReason().startsWith("test dead-lettered pd.activations[1]@3: "
                + "test-analysis of " + KEY + " failed: manifest total_shape"), runEvents.get(0).toString());
        assertTrue(runEvents.get(1).getSourceFailed().getReason().contains("more than the limit of 4096 units"));
    }

    @Test
    void overflowingTotalShapeIsAClearShapeMismatch() {
        SourceManifest manifest = SourceManifest.newBuilder().setSource(SOURCE).addTotalShape(1L << 20)
                .addTotalShape(1L << 20).addTotalShape(2).addBatches(tensor(1, 1, 2)).build();
        ClaimCheckException e = assertThrows(ClaimCheckException.class,
                () -> new SourceAssembler(UNREACHABLE).assemble(manifest));
        assertEquals(ClaimCheckException.Problem.SHAPE_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains("elements one tensor can hold"), e.getMessage());
    }

    @Test
    void tooLargeIsNotRetryable() {
        assertTrue(!ClaimCheckException.Problem.OBJECT_TOO_LARGE.retryable());
    }
}
