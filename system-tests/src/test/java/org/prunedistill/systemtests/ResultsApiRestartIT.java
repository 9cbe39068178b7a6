package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.Finding;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.LayerVerdict;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;

/**
 * results-api keeps no state of its own: after a restart it rebuilds the same catalog from the topics, and is ready
 * only once it has ({@link CatalogCatchUpIT} does the same over a long history).
 */
@ExtendWith(WithRunningSystem.class)
class ResultsApiRestartIT {

    private static final Duration REBUILD_DEADLINE = Duration.ofMinutes(1);

    private final RunningSystem running = RunningSystem.get();

    @Test
    void restartedResultsApiServesTheSameRunAndProfilesWithoutDuplicates() throws Exception {
        String runId = running.referenceRun().getRunId();
        Run before = running.client().get(runId);
        IdProfile ids = running.client().idProfile(before.getRunId());
        InformationProfile information = running.client().informationProfile(before.getRunId());
        GetFindingsResponse findings = running.client().findings(before.getRunId());

        running.system().restart("results-api");

        // Ready means caught up: asked at the first ready moment, the run is as it was, times included.
        assertEquals(before, running.client().get(runId));
        assertEquals(ids, running.client().idProfile(before.getRunId()));
        assertEquals(information, running.client().informationProfile(before.getRunId()));
        assertEquals(findings, running.client().findings(before.getRunId()));
    }

    @Test
    void resultsApiRestartedMidRunStillSeesTheRunCompleteWithEveryResultOnce() throws Exception {
        List<IdPoint> referencePoints = running.client().idProfile(running.referenceRun().getRunId()).getPointsList()
                .stream().filter(point -> !point.getSource().getCheckpoint().isEmpty()).toList();
        long perSource = referencePoints.size() / referencePoints.stream().map(IdPoint::getSource).distinct().count();
        String runId = "results-api-mid-run";
        running.client().submit(runId, RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("rat-objects").setSeed(7).setTrials(2))
                .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small")
                        .addCheckpoints("random-1").addCheckpoints("random-2").addLayers("pool2").addLayers("fc1"))
                .build());
        await().atMost(RunningSystem.RUN_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() ->
                running.client().get(runId).getStatus() != RunStatus.RUN_STATUS_SUBMITTED);
        org.junit.jupiter.api.Assertions.assertNotEquals(RunStatus.RUN_STATUS_COMPLETED,
                running.client().get(runId).getStatus(), "completed before the restart: the test proved nothing");

        running.system().restart("results-api").awaitReady(REBUILD_DEADLINE);

        Run done = running.client().follow(runId, RunningSystem.RUN_TIMEOUT, run -> { });
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, done.getStatus(), done.getFailureReason());
        assertEquals(4, done.getSourcesCount());
        List<IdPoint> points = running.client().idProfile(runId).getPointsList();
        assertEquals(4 * perSource, points.size());
        assertEquals(points.size(), points.stream().map(point ->
                point.getSource() + "|" + point.getEstimator() + "|" + point.getParametersMap()).distinct().count());

        // Two checkpoints of two layers: the findings compare each layer from the first to the second, each change
        // the one GetChanges serves between them.
        GetFindingsResponse findings = running.client().findings(runId);
        assertEquals("random-1", findings.getFirstCheckpoint());
        assertEquals("random-2", findings.getLastCheckpoint());
        List<Change> changes = running.client().changes(runId, "random-1", "random-2").getChangesList();
        List<Finding> training = findings.getFindingsList().stream().filter(Finding::hasTraining).toList();
        assertEquals(6, training.size(), "every training question has both layers at both checkpoints: " + findings);
        for (Finding finding : training) {
            assertEquals(2, finding.getTraining().getLayersCount(), finding.toString());
            for (LayerVerdict layer : finding.getTraining().getLayersList()) {
                assertTrue(changes.contains(layer.getChange()), "a finding's change is the API's: " + layer);
                assertEquals(finding.getTraining().getMeasure(), layer.getChange().getMeasure());
            }
        }
        assertEquals(List.of(), findings.getFindingsList().stream().filter(Finding::hasHunchback).toList(),
                "two layers are no profile to judge");
    }
}
