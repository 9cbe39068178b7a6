package org.prunedistill.results.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.ExtractionFinished;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.RunFailed;
import org.prunedistill.events.v1.RunProgress;
import org.prunedistill.events.v1.SourceFailed;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;

class RunStateTest {

    private static final SourceRef POOL1 = source("pool1");
    private static final SourceRef FC1 = source("fc1");

    private final RunState run = new RunState("r");

    @Test
    void completesOnlyWhenEveryAnalysisOfEverySourceHasAllItsResults() {
        run.apply(progress());
        assertEquals(RunPhase.EXTRACTING, run.phase());
        run.apply(extractionFinished(POOL1, FC1));
        assertEquals(RunPhase.ANALYSING, run.phase());

        run.apply(result(POOL1, "intrinsic-dimension", "twonn", 2));
        run.apply(result(POOL1, "intrinsic-dimension", "twonn-mle", 2));
        run.apply(result(POOL1, "information", "object", 2));
        run.apply(result(POOL1, "information", "luminance", 2));
        run.apply(result(FC1, "intrinsic-dimension", "twonn", 2));
        run.apply(result(FC1, "intrinsic-dimension", "twonn-mle", 2));
        run.apply(result(FC1, "information", "object", 2));
        assertEquals(RunPhase.ANALYSING, run.phase(), "fc1's information has one of its two results");

        run.apply(result(FC1, "information", "luminance", 2));
        assertEquals(RunPhase.COMPLETED, run.phase());
    }

    @Test
    void aReplayedResultOverwritesInsteadOfCountingTwice() {
        run.apply(result(POOL1, "intrinsic-dimension", "twonn", 2));
        run.apply(result(POOL1, "intrinsic-dimension", "twonn", 2));

        assertEquals(1, run.results().size());
        assertEquals(List.of(), run.analysesDone(POOL1), "one distinct result of two");
    }

    @Test
    void aFailedAnalysisSettlesItsSourceAndIsReported() {
        run.apply(extractionFinished(POOL1));
        run.apply(event().setSourceFailed(SourceFailed.newBuilder().setSource(POOL1).setAnalysis("information")
                .setReason("object tensors/x.npy does not exist")).build());
        run.apply(result(POOL1, "intrinsic-dimension", "twonn", 1));

        assertEquals(RunPhase.COMPLETED, run.phase());
        assertEquals(List.of("information: object tensors/x.npy does not exist"), run.failures(POOL1));
        assertEquals(1, run.failedAnalyses());
    }

    @Test
    void aFailedRunStaysFailed() {
        run.apply(event().setFailed(RunFailed.newBuilder().setReason("unknown layer 'conv9'")).build());
        run.apply(extractionFinished());

        assertEquals(RunPhase.FAILED, run.phase());
        assertEquals("unknown layer 'conv9'", run.failureReason());
        assertTrue(run.terminal());
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
