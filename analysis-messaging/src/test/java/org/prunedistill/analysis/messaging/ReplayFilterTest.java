package org.prunedistill.analysis.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.messaging.SourceKeys;

class ReplayFilterTest {

    private static String key(String runId, String layer) {
        return SourceKeys.sourceKey(SourceRef.newBuilder().setRunId(runId).setKind(SourceKind.SOURCE_KIND_LAYER)
                .setName(layer).setCheckpoint("trained").build());
    }

    @Test
    void theNormalServiceAnalysesEveryRun() {
        assertTrue(ReplayFilter.ALL.accepts(key("a", "conv1")));
        assertTrue(ReplayFilter.ALL.accepts(null));
        assertSame(ReplayFilter.ALL, ReplayFilter.of(List.of()));
    }

    @Test
    void aReplayAnalysesOnlyItsRunsMatchingTheWholeRunId() {
        ReplayFilter replay = ReplayFilter.of(List.of("reference", " run-2 "));
        assertTrue(replay.accepts(key("reference", "conv1")));
        assertTrue(replay.accepts(key("run-2", "fc1")));
        assertFalse(replay.accepts(key("reference-2", "conv1")), "a run whose id merely starts the same");
        assertFalse(replay.accepts(key("other", "conv1")));
        assertFalse(replay.accepts(null), "a record without key belongs to no run");
        assertFalse(replay.accepts("garbage"));
        assertEquals("only runs reference, run-2", replay.toString());
    }

    @Test
    void theRunIdIsTheKeyUpToTheFirstSlash() {
        assertEquals("reference", ReplayFilter.runIdOf(key("reference", "conv1")));
        assertEquals("", ReplayFilter.runIdOf(null));
    }

    @Test
    void somethingThatIsNoRunIdIsRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReplayFilter.of(List.of("reference", "a/b")));
        assertTrue(e.getMessage().contains("pd.replay.runs (PD_REPLAY_RUNS) lists 'a/b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReplayFilter.of(List.of(" ")));
    }
}
