package org.prunedistill.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.events.v1.RecordingSession;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import picocli.CommandLine;

class RunOptionsTest {

    private static RunOptions parse(String... args) {
        RunOptions options = new RunOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    private static String uri(String file) {
        return Path.of(file).toAbsolutePath().toUri().toString();
    }

    @Test
    void areasFormOneHierarchyInTheOrderFirstNamed() {
        RunSpec spec = parse("--area", "V1=v1.npy", "--session", "LM=lm-day1.npy", "--area", "LI=li.nwb",
                "--session", "LM=lm-day2.npy:0-2", "--area", "LL=ll.npz", "--conditions", "c.json",
                "--area-units", "60").toSpec();
        assertEquals(0, spec.getModelsCount(), "recorded areas alone run no model");
        assertEquals(List.of("V1", "LM", "LI", "LL"), spec.getRecordingsList().stream().map(RecordingSource::getArea)
                .toList());
        assertEquals(List.of(0, 1, 2, 3), spec.getRecordingsList().stream().map(RecordingSource::getOrder).toList());
        assertTrue(spec.getRecordingsList().stream().allMatch(area -> area.getHierarchySize() == 4
                && area.getConditionsUri().equals(uri("c.json")) && !area.getHasRelativeDepth()));
        assertEquals(uri("v1.npy"), spec.getRecordings(0).getResponsesUri());
        assertEquals(List.of(uri("lm-day1.npy"), uri("lm-day2.npy")), spec.getRecordings(1).getSessionsList().stream()
                .map(RecordingSession::getResponsesUri).toList());
        assertEquals(List.of(0, 1, 2), spec.getRecordings(1).getSessions(1).getConditionRowsList());
        assertEquals(60, spec.getAreaUnits());
    }

    @Test
    void aGivenDepthIsRecordedOnItsArea() {
        RunSpec spec = parse("--area", "V1=v1.npy", "--area", "LI=li.npy", "--area", "LL=ll.npy", "--area-depth",
                "LI=0.5", "--conditions", "c.json").toSpec();
        assertFalse(spec.getRecordings(0).getHasRelativeDepth());
        assertTrue(spec.getRecordings(1).getHasRelativeDepth());
        assertEquals(0.5, spec.getRecordings(1).getRelativeDepth());
    }

    @Test
    void sessionsBecomeOnePseudoPopulationArea() {
        RunSpec spec = parse("--session", "V1=a.npy", "--session", "V1=b.npy:0-2,7", "--conditions", "c.json",
                "--pseudo-trials", "5").toSpec();
        RecordingSource area = spec.getRecordings(0);
        assertEquals("V1", area.getArea());
        assertEquals("", area.getResponsesUri());
        assertEquals(5, area.getPseudoTrials());
        assertEquals(2, area.getSessionsCount());
        assertEquals(List.of(), area.getSessions(0).getConditionRowsList());
        assertEquals(List.of(0, 1, 2, 7), area.getSessions(1).getConditionRowsList());
        assertEquals(uri("b.npy"), area.getSessions(1).getResponsesUri());
    }

    @Test
    void aColonNotFollowedByRowsBelongsToTheFileName() {
        RecordingSession session = RunOptions.session("data:v1.npy");
        assertTrue(session.getResponsesUri().endsWith("data:v1.npy"), session.getResponsesUri());
        assertEquals(0, session.getConditionRowsCount());
    }

    @Test
    void badRowsAndMixedSourcesAreRefusedNamingTheOption() {
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                () -> RunOptions.session("a.npy:5-2"));
        assertTrue(backwards.getMessage().contains("'5-2'"), backwards.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunOptions.session("a.npy:1-2-3"));
        assertRefused("area V1: give --area V1=FILE or its --session V1=FILE options, not both",
                "--area", "V1=r.npy", "--session", "V1=a.npy", "--conditions", "c.json");
        assertRefused("--area (or --session) and --conditions go together", "--session", "V1=a.npy");
        assertRefused("--area (or --session) and --conditions go together", "--conditions", "c.json");
    }

    @Test
    void everyMisnamedAreaIsRefusedNamingIt() {
        assertRefused("--area V1 is given twice", "--area", "V1=a.npy", "--area", "V1=b.npy", "--conditions", "c");
        assertRefused("--area v1.npy: expected NAME=FILE", "--area", "v1.npy", "--conditions", "c");
        assertRefused("--area-depth LX=0.5: no area LX (areas: V1, LL)", "--area", "V1=a.npy", "--area", "LL=b.npy",
                "--area-depth", "LX=0.5", "--conditions", "c");
        assertRefused("--area-depth LL=1.5: a relative depth lies in [0, 1]", "--area", "V1=a.npy", "--area",
                "LL=b.npy", "--area-depth", "LL=1.5", "--conditions", "c");
        assertRefused("--area-depth LL=deep: 'deep' is not a number", "--area", "LL=b.npy", "--area-depth",
                "LL=deep", "--conditions", "c");
        assertRefused("--area-units must be positive", "--area", "LL=b.npy", "--area-units", "-1", "--conditions",
                "c");
    }

    private static void assertRefused(String message, String... args) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> parse(args).toSpec());
        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }
}
