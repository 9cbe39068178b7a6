package org.prunedistill.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void sessionsBecomeOnePseudoPopulationArea() {
        RunSpec spec = parse("--session", "a.npy", "--session", "b.npy:0-2,7", "--conditions", "c.json",
                "--area", "V1", "--pseudo-trials", "5").toSpec();
        assertEquals(0, spec.getModelsCount(), "a recorded area alone runs no model");
        RecordingSource area = spec.getRecordings(0);
        assertEquals("V1", area.getArea());
        assertEquals("", area.getResponsesUri());
        assertEquals(5, area.getPseudoTrials());
        assertEquals(2, area.getSessionsCount());
        assertEquals(List.of(), area.getSessions(0).getConditionRowsList());
        assertEquals(List.of(0, 1, 2, 7), area.getSessions(1).getConditionRowsList());
        assertEquals(Path.of("b.npy").toAbsolutePath().toUri().toString(), area.getSessions(1).getResponsesUri());
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
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> parse("--recording",
                "r.npy", "--session", "a.npy", "--conditions", "c.json").toSpec());
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        IllegalArgumentException noTable = assertThrows(IllegalArgumentException.class,
                () -> parse("--session", "a.npy").toSpec());
        assertTrue(noTable.getMessage().contains("--conditions"), noTable.getMessage());
    }
}
