package org.prunedistill.results.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.ExtractionFinished;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.RunCompleted;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunFailed;
import org.prunedistill.events.v1.RunProgress;
import org.prunedistill.events.v1.RunSubmitted;
import org.prunedistill.events.v1.SourceFailed;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.TwoNnFit;

class RunStateTest {

    private static final SourceRef POOL1 = source("pool1");
    private static final SourceRef FC1 = source("fc1");

    private final MemoryResultBodies bodies = new MemoryResultBodies();
    private final RunState run = new RunState("r", bodies);

    @Test
    void completesOnlyWhenEveryAnalysisOfEverySourceHasAllItsResults() {
        run.apply(progress());
        assertEquals(RunPhase.EXTRACTING, run.phase());
        run.apply(extractionFinished(POOL1, FC1));
        assertEquals(RunPhase.ANALYSING, run.phase());

        apply(result(POOL1, "intrinsic-dimension", "twonn", 2));
        apply(result(POOL1, "intrinsic-dimension", "twonn-mle", 2));
        apply(result(POOL1, "information", "object", 2));
        apply(result(POOL1, "information", "luminance", 2));
        apply(result(FC1, "intrinsic-dimension", "twonn", 2));
        apply(result(FC1, "intrinsic-dimension", "twonn-mle", 2));
        apply(result(FC1, "information", "object", 2));
        assertEquals(RunPhase.ANALYSING, run.phase(), "fc1's information has one of its two results");

        apply(result(FC1, "information", "luminance", 2));
        assertEquals(RunPhase.COMPLETED, run.phase());
    }

    @Test
    void aReplayedResultOverwritesInsteadOfCountingTwice() {
        apply(result(POOL1, "intrinsic-dimension", "twonn", 2));
        apply(result(POOL1, "intrinsic-dimension", "twonn", 2));

        assertEquals(1, run.results().size());
        assertEquals(List.of(), run.analysesDone(POOL1), "one distinct result of two");
    }

    @Test
    void aFailedAnalysisSettlesItsSourceAndIsReported() {
        run.apply(extractionFinished(POOL1));
        run.apply(event().setSourceFailed(SourceFailed.newBuilder().setSource(POOL1).setAnalysis("information")
                .setReason("object tensors/x.npy does not exist")).build());
        apply(result(POOL1, "intrinsic-dimension", "twonn", 1));

        assertEquals(RunPhase.COMPLETED, run.phase());
        assertEquals(List.of(new FailedAnalysis("information", "object tensors/x.npy does not exist")),
                run.failures(POOL1));
        assertEquals(1, run.failedAnalyses());
    }

    @Test
    void aFailureKeepsItsAnalysisAndAReasonWithColonsApart() {
        run.apply(extractionFinished(POOL1));
        run.apply(event().setSourceFailed(SourceFailed.newBuilder().setSource(POOL1).setAnalysis("intrinsic-dimension")
                .setReason("s3: tensors/x.npy: checksum mismatch")).build());
        run.apply(event().setSourceFailed(SourceFailed.newBuilder().setSource(POOL1).setAnalysis("information")
                .setReason("stimulus metadata: 3 conditions")).build());

        assertEquals(List.of(new FailedAnalysis("intrinsic-dimension", "s3: tensors/x.npy: checksum mismatch"),
                new FailedAnalysis("information", "stimulus metadata: 3 conditions")), run.failures(POOL1));
        assertEquals(RunPhase.COMPLETED, run.phase(), "both analyses settled by their failures");
    }

    @Test
    void aFailedRunStaysFailed() {
        run.apply(event().setFailed(RunFailed.newBuilder().setReason("unknown layer 'conv9'")).build());
        run.apply(extractionFinished());

        assertEquals(RunPhase.FAILED, run.phase());
        assertEquals("unknown layer 'conv9'", run.failureReason());
        assertTrue(run.terminal());
    }

    @Test
    void keepsOnlyAnIndexAndReadsEveryResultBackFromItsBody() {
        AnalysisResult twonn = result(POOL1, "intrinsic-dimension", "twonn", 2).toBuilder()
                .setTwoNn(TwoNnFit.newBuilder().setId(7.5).setHasSubsamples(true).setSubsampleSd(0.2)).build();
        AnalysisResult mle = result(POOL1, "intrinsic-dimension", "twonn-mle", 2);
        apply(twonn);
        apply(mle);

        assertEquals(List.of(twonn, mle), run.results());
        assertEquals(2, run.resultCount());
    }

    @Test
    void aReplayedResultReplacesTheBodyOfItsKey() {
        AnalysisResult first = result(POOL1, "intrinsic-dimension", "twonn", 1);
        AnalysisResult replayed = first.toBuilder().setTwoNn(TwoNnFit.newBuilder().setId(2)).build();
        apply(first);
        apply(replayed);

        assertEquals(List.of(replayed), run.results());
        assertEquals(List.of("intrinsic-dimension"), run.analysesDone(POOL1));
    }

    @Test
    void aSourceSpeaksWithTheProvenanceOfItsResultWithTheSmallestKey() {
        apply(withProvenance(result(POOL1, "information", "b", 2), "model_sha256", "later"));
        apply(withProvenance(result(POOL1, "information", "a", 2), "model_sha256", "first"));
        apply(withProvenance(result(POOL1, "information", "c", 2), "model_sha256", "last"));

        assertEquals(Map.of("model_sha256", "first"), run.provenance(POOL1));
        assertEquals(Map.of(), run.provenance(FC1));
    }

    @Test
    void aRunKnownOnlyFromResultsHasNoEventsAndItsCompletionIsRecordedByItsEvent() {
        apply(result(POOL1, "intrinsic-dimension", "twonn", 1));
        assertFalse(run.hasEvents());

        run.apply(extractionFinished(POOL1));
        assertTrue(run.hasEvents());
        assertFalse(run.completionRecorded());
        run.apply(event().setCompleted(RunCompleted.newBuilder().setResults(1)).build());
        assertTrue(run.completionRecorded());
    }

    @Test
    void timesComeFromTheEventsAndResultsNotFromWhenTheyAreFoldedIn() {
        run.apply(event().setTimestampMs(1000).setSubmitted(RunSubmitted.getDefaultInstance()).build());
        apply(result(POOL1, "intrinsic-dimension", "twonn", 1).toBuilder()
                .setProvenance(Provenance.newBuilder().setCreatedAtMs(5000)).build());
        run.apply(event().setTimestampMs(3000).setProgress(RunProgress.getDefaultInstance()).build());

        assertEquals(1000, run.submittedAtMs());
        assertEquals(5000, run.updatedAtMs());
    }

    private void apply(AnalysisResult result) {
        run.apply(result, result.toByteArray());
    }

    private static AnalysisResult withProvenance(AnalysisResult result, String name, String value) {
        return result.toBuilder().setProvenance(Provenance.newBuilder().putDetails(name, value)).build();
    }

    private static SourceRef source(String name) {
        return SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER).setName(name)
                .setCheckpoint("random-1").build();
    }

    private static RunEvent.Builder event() {
        return RunEvent.newBuilder().setRunId("r").setTimestampMs(1);
    }

    private static RunEvent progress() {
        return event().setProgress(RunProgress.newBuilder().setStage("extraction").setMessage("rendering")).build();
    }

    private static RunEvent extractionFinished(SourceRef... sources) {
        return event().setExtractionFinished(ExtractionFinished.newBuilder().addAllSources(List.of(sources))).build();
    }

    private static AnalysisResult result(SourceRef source, String analysis, String estimator, int inPass) {
        return AnalysisResult.newBuilder().setResultKey(source.getName() + "/" + analysis + "/" + estimator)
                .setSource(source).setAnalysis(analysis).setEstimator(estimator).setResultsInPass(inPass).build();
    }
}
