package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.launcher.RunClient;

/**
 * An identical request reuses the tensors an earlier run extracted (same provenance key, the provenance names the
 * run they come from, the same results); a request that differs in one input (the stimulus seed) is extracted anew.
 */
@ExtendWith(WithRunningSystem.class)
class ExtractionReuseIT {

    /** A seed no other system test uses, so the first run cannot find an entry of theirs. */
    private static final long SEED = 4242;

    private final RunningSystem running = RunningSystem.get();
    private final RunClient client = running.client();

    @Test
    void anIdenticalRequestIsServedFromTheFirstRunsTensorsAndAChangedSeedIsNot() throws Exception {
        Run first = complete("reuse-first", SEED);
        Run second = complete("reuse-second", SEED);
        Run otherSeed = complete("reuse-other-seed", SEED + 1);

        Map<String, String> fresh = pool2(first);
        String key = fresh.get("extraction_key");
        assertTrue(key != null && key.matches("[0-9a-f]{64}"), fresh.toString());
        assertFalse(fresh.containsKey("extraction_reused_from_run"), fresh.toString());

        Map<String, String> reused = pool2(second);
        assertEquals(key, reused.get("extraction_key"), "the same inputs, the same key");
        assertEquals("reuse-first", reused.get("extraction_reused_from_run"), reused.toString());
        assertEquals(twoNn("reuse-first"), twoNn("reuse-second"), "the same tensors give the same dimension");

        Map<String, String> other = pool2(otherSeed);
        assertNotEquals(key, other.get("extraction_key"), "another seed is another key");
        assertFalse(other.containsKey("extraction_reused_from_run"), other.toString());
        assertEquals(Long.toString(SEED + 1), other.get("stimulus_seed"));
    }

    private Run complete(String runId, long seed) {
        RunSpec spec = RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("rat-objects").setSeed(seed).setTrials(2))
                .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small").addCheckpoints("random-1")
                        .addLayers("pool2"))
                .build();
        client.submit(runId, spec);
        Run run = client.follow(runId, RunningSystem.RUN_TIMEOUT, update -> { });
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), runId + ": " + run.getFailureReason());
        return run;
    }

    private static Map<String, String> pool2(Run run) {
        return run.getSourcesList().stream().filter(s -> s.getSource().getName().equals("pool2")).findFirst()
                .orElseThrow().getProvenanceMap();
    }

    private List<Double> twoNn(String runId) {
        List<Double> ids = client.idProfile(runId).getPointsList().stream()
                .filter(point -> point.getEstimator().equals("twonn")).map(IdPoint::getId).toList();
        assertEquals(1, ids.size(), runId + ": one TwoNN point for the one layer");
        return ids;
    }
}
