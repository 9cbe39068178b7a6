package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.events.v1.RecordingSession;
import org.prunedistill.events.v1.RecordingSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.launcher.RunClient;
import org.prunedistill.launcher.SampleRecording;

/**
 * An area recorded in two sessions, each with its own units, the second missing some conditions of the table: the
 * extractor aligns them by condition into one pseudo-population of every unit over the conditions both recorded.
 */
@ExtendWith(WithRunningSystem.class)
class PseudoPopulationIT {

    private static final int UNITS = 40;
    private static final int CONDITIONS = 120;
    private static final int TRIALS = 4;
    /** Table rows the second session did not record. */
    private static final int MISSING = 20;

    private final RunningSystem running = RunningSystem.get();
    private final RunClient client = running.client();

    @Test
    void twoSessionsAreAnalysedAsOneAreaOverTheConditionsBothRecorded() throws Exception {
        Path dir = Files.createTempDirectory(running.data(), "sessions");
        SampleRecording.Files whole = SampleRecording.write(dir, UNITS, CONDITIONS, TRIALS, 4, 0.005, 5);
        FloatTensor all = Npy.read(whole.responses());
        // Session a: the first half of the units, every condition in table order. Session b: the other units, only the
        // rows from MISSING on, stored in reverse order, so its rows must be named.
        Path a = write(dir.resolve("a.npy"), all, 0, UNITS / 2, IntStream.range(0, CONDITIONS).toArray());
        int[] rowsOfB = IntStream.range(MISSING, CONDITIONS).map(i -> CONDITIONS - 1 - i + MISSING).toArray();
        Path b = write(dir.resolve("b.npy"), all, UNITS / 2, UNITS, rowsOfB);

        RecordingSource.Builder area = RecordingSource.newBuilder().setArea("two-sessions")
                .setConditionsUri(whole.conditions().toUri().toString())
                .addSessions(RecordingSession.newBuilder().setName("day1").setResponsesUri(a.toUri().toString()))
                .addSessions(RecordingSession.newBuilder().setName("day2").setResponsesUri(b.toUri().toString())
                        .addAllConditionRows(IntStream.of(rowsOfB).boxed().toList()));
        Run run = submit("pseudo-population", area);
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, run.getStatus(), run.getFailureReason());

        Map<String, String> provenance = run.getSources(0).getProvenanceMap();
        assertEquals("2", provenance.get("pseudo_population_sessions"), provenance.toString());
        assertEquals(Integer.toString(CONDITIONS - MISSING), provenance.get("conditions_kept"));
        assertEquals(Integer.toString(MISSING), provenance.get("conditions_dropped"));
        assertEquals(Integer.toString(TRIALS), provenance.get("pseudo_trials"), "no trial is missing: all are kept");
        assertEquals(64, provenance.get("session_1_recording_sha256").length());
        assertTrue(run.getWarningsList().stream().anyMatch(w -> w.contains(MISSING + " condition(s)")),
                run.getWarningsList().toString());

        List<IdPoint> mle = client.idProfile("pseudo-population").getPointsList().stream()
                .filter(point -> point.getEstimator().equals("twonn-mle")).toList();
        assertEquals(1, mle.size());
        assertEquals(CONDITIONS - MISSING, mle.get(0).getPointsUsed(), "one point per condition both recorded");
        assertTrue(Math.abs(mle.get(0).getId() - SampleRecording.TRUE_DIMENSION) < 0.6,
                "the aligned population still lies on the 2-D manifold: " + mle.get(0).getId());
    }

    @Test
    void aSessionNamingARowOutsideTheTableFailsTheRunNamingIt() throws Exception {
        Path dir = Files.createTempDirectory(running.data(), "sessions-bad");
        SampleRecording.Files whole = SampleRecording.write(dir, 6, 10, 2, 2, 0.01, 6);
        RecordingSource.Builder area = RecordingSource.newBuilder().setArea("bad-rows")
                .setConditionsUri(whole.conditions().toUri().toString())
                .addSessions(RecordingSession.newBuilder().setName("day1")
                        .setResponsesUri(whole.responses().toUri().toString())
                        .addAllConditionRows(IntStream.range(5, 15).boxed().toList()));
        Run run = submit("pseudo-population-bad", area);
        assertEquals(RunStatus.RUN_STATUS_FAILED, run.getStatus());
        assertTrue(run.getFailureReason().contains("session day1") && run.getFailureReason().contains("row 10"),
                run.getFailureReason());
    }

    private Run submit(String runId, RecordingSource.Builder area) {
        client.submit(runId, RunSpec.newBuilder().addRecordings(area).build());
        return client.follow(runId, RunningSystem.RUN_TIMEOUT, update -> { });
    }

    /** Units [from, to) of {@code all}, with its table rows {@code rows} as the conditions, in that order. */
    private static Path write(Path file, FloatTensor all, int from, int to, int[] rows) {
        int conditions = all.dimension(1);
        int trials = all.dimension(2);
        float[] data = new float[(to - from) * rows.length * trials];
        for (int u = from; u < to; u++) {
            for (int c = 0; c < rows.length; c++) {
                System.arraycopy(all.data(), (u * conditions + rows[c]) * trials, data,
                        ((u - from) * rows.length + c) * trials, trials);
            }
        }
        Npy.write(FloatTensor.ofFloats(data, to - from, rows.length, trials), file);
        return file;
    }
}
