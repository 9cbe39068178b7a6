package org.prunedistill.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static SortedMap<String, String> settings(String... pairs) {
        return Replay.parseSettings(List.of(pairs));
    }

    @Test
    void theInstanceGetsAGroupOfItsOwnTheRunAndTheSettingsAsEnvironment() {
        Replay replay = new Replay("id-estimator", "reference", settings("pd.id.pca-threshold=0.8",
                "pd.id.gride-range=32"));
        assertEquals(Map.of("MP_MESSAGING_INCOMING_ACTIVATIONS_GROUP_ID", replay.groupId(),
                "PD_REPLAY_RUNS", "reference",
                "PD_ID_PCA_THRESHOLD", "0.8",
                "PD_ID_GRIDE_RANGE", "32"), replay.environment());
        assertTrue(replay.groupId().matches("id-estimator-replay-[0-9a-f]{12}"), replay.groupId());
        assertNotEquals("id-estimator", replay.groupId());
        assertEquals(replay.groupId(), replay.spec().name());
        assertEquals("id-estimator/service", replay.spec().moduleDir());
        assertEquals(-1, replay.spec().grpcPort());
        // The replayed analyser runs the neighbour search as the live one does.
        assertEquals(ServiceSpec.NEIGHBOUR_SEARCH_SETTINGS, replay.spec().settings());
        assertEquals(Map.of(), new Replay("info-decoder", "reference", settings("pd.info.units=8")).spec()
                .settings());
    }

    @Test
    void theSameReplayHasTheSameGroupAndAnotherReplayAnother() {
        Replay replay = new Replay("info-decoder", "run-1", settings("pd.info.units=32"));
        assertEquals(replay.groupId(), new Replay("info-decoder", "run-1", settings(" pd.info.units = 32")).groupId());
        assertNotEquals(replay.groupId(), new Replay("info-decoder", "run-1", settings("pd.info.units=16")).groupId());
        assertNotEquals(replay.groupId(), new Replay("info-decoder", "run-2", settings("pd.info.units=32")).groupId());
    }

    @Test
    void settingsAreParsedAsKeyEqualsValue() {
        assertEquals(new TreeMap<>(Map.of("pd.id.fraction", "0.8", "pd.id.seed", "7")),
                settings("pd.id.fraction=0.8", "pd.id.seed = 7"));
        for (String bad : List.of("pd.id.fraction", "=0.8", "pd.id.fraction=")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(bad));
            assertEquals("--set takes key=value, got '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void whatCannotBeReplayedIsRefusedSayingWhy() {
        assertEquals("cannot replay with 'results-api': the analysers are id-estimator, info-decoder",
                assertThrows(IllegalArgumentException.class,
                        () -> new Replay("results-api", "run-1", settings("pd.id.seed=1"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Replay("id-estimator", "run-1", settings("pd.info.units=3"))).getMessage()
                .startsWith("setting 'pd.info.units' is not one of id-estimator's: its keys start with pd.id."));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Replay("id-estimator", "run-1", new TreeMap<>())).getMessage()
                .startsWith("a replay needs at least one changed setting"));
        assertThrows(IllegalArgumentException.class,
                () -> new Replay("id-estimator", "a/b", settings("pd.id.seed=1")));
        assertThrows(IllegalArgumentException.class,
                () -> new Replay("id-estimator", "run-1", settings("pd.id.SEED=1")));
    }

    @Test
    void environmentNamesFollowMicroProfileConfig() {
        assertEquals("PD_ID_PCA_THRESHOLD", Replay.environmentName("pd.id.pca-threshold"));
        assertEquals("PD_INFO_DECODING_UNITS", Replay.environmentName("pd.info.decoding.units"));
    }
}
