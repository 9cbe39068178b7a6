package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;

/** results-api keeps no state of its own: after a restart it rebuilds the same catalog from the topics. */
@ExtendWith(WithRunningSystem.class)
class ResultsApiRestartIT {

    private static final Duration REBUILD_DEADLINE = Duration.ofMinutes(1);

    private final RunningSystem running = RunningSystem.get();

    @Test
    void restartedResultsApiServesTheSameRunAndProfilesWithoutDuplicates() throws Exception {
        Run before = running.referenceRun();
        IdProfile ids = running.client().idProfile(before.getRunId());
        InformationProfile information = running.client().informationProfile(before.getRunId());

        running.system().restart("results-api");

        await().atMost(REBUILD_DEADLINE).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() ->
                running.client().get(before.getRunId()).getStatus() == RunStatus.RUN_STATUS_COMPLETED);
        Run after = running.client().get(before.getRunId());
        assertEquals(before.getResults(), after.getResults());
        assertEquals(before.getSourcesList(), after.getSourcesList());
        assertEquals(ids, running.client().idProfile(before.getRunId()));
        assertEquals(information, running.client().informationProfile(before.getRunId()));
    }
}
