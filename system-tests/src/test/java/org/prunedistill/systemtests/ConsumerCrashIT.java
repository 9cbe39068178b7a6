package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;

/**
 * An analyser killed (SIGKILL, no clean shutdown) while it works through a run with several sources, then started
 * again in the same consumer group: the run still completes, and every source has its results exactly once.
 */
@ExtendWith(WithRunningSystem.class)
class ConsumerCrashIT {

    private static final String RUN = "consumer-crash";
    private static final Duration READY = Duration.ofMinutes(3);

    private final RunningSystem running = RunningSystem.get();

    @Test
    void killedIdEstimatorRestartsAndEverySourceGetsItsResultsExactlyOnce() throws Exception {
        // Results per model source, as the reference run without faults produces them.
        Run reference = running.referenceRun();
        List<IdPoint> referencePoints = running.client().idProfile(reference.getRunId()).getPointsList().stream()
                .filter(point -> !point.getSource().getCheckpoint().isEmpty()).toList();
        long referenceSources = referencePoints.stream().map(IdPoint::getSource).distinct().count();
        int estimatorsPerSource = Math.toIntExact(referencePoints.size() / referenceSources);

        RunSpec spec = RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("rat-objects").setSeed(5).setTrials(2))
                .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small")
                        .addCheckpoints("random-1").addCheckpoints("random-2")
                        .addLayers("pool2").addLayers("fc1"))
                .build();
        int sources = 2 * 2;
        running.client().submit(RUN, spec);

        // Kill once the run has reached the analysers, before it is complete.
        await().atMost(RunningSystem.RUN_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            RunStatus status = running.client().get(RUN).getStatus();
            return status == RunStatus.RUN_STATUS_ANALYSING || status == RunStatus.RUN_STATUS_COMPLETED;
        });
        running.system().service("id-estimator").kill();
        assertNotEquals(RunStatus.RUN_STATUS_COMPLETED, running.client().get(RUN).getStatus(),
                "the run completed before the id-estimator was killed: the test proved nothing");

        running.system().restart("id-estimator").awaitReady(READY);

        Run done = running.client().follow(RUN, RunningSystem.RUN_TIMEOUT, run -> { });
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, done.getStatus(), done.getFailureReason());
        assertEquals(sources, done.getSourcesCount());

        List<IdPoint> points = running.client().idProfile(RUN).getPointsList();
        assertEquals(sources * estimatorsPerSource, points.size(), "one result per source and estimator: " + points);
        Set<String> keys = new HashSet<>();
        for (IdPoint point : points) {
            String key = point.getSource() + "|" + point.getEstimator() + "|" + point.getParametersMap();
            assertEquals(true, keys.add(key), "duplicate result " + key);
        }
        assertEquals(sources, points.stream().map(IdPoint::getSource).distinct().count());
    }
}
