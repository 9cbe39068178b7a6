package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.testsupport.CraftedEvents;

/**
 * {@code ./pd replay} of a completed run with a changed estimator parameter (the PCA variance threshold), run as a
 * user runs it, against the running system: a second id-estimator in a consumer group of its own reads
 * {@code pd.activations} from the beginning, analyses only that run, and stops when it has read the topic to the end.
 * Its PC-ID results appear beside the old ones under new keys; every old result stays, unchanged (the estimators whose
 * parameters did not change land on their old keys with the same values); another run on the topic is skipped.
 */
@ExtendWith(WithRunningSystem.class)
class ReplayIT {

    private static final String THRESHOLD = "0.8";
    private static final String OTHER_RUN = "replay-other";
    private static final String REPLAYED_RUN = "replayed";

    private final RunningSystem running = RunningSystem.get();

    @Test
    void replayWithAnotherPcaThresholdAddsResultsBesideTheOldOnesWhichStay() throws Exception {
        // A run of its own (the reference run's spec, so its extraction is reused), for other tests count the
        // reference run's results.
        String runId = REPLAYED_RUN;
        running.referenceRun();
        running.client().submit(runId, RunningSystem.referenceSpec(running.data()));
        assertEquals(RunStatus.RUN_STATUS_COMPLETED,
                running.client().follow(runId, RunningSystem.RUN_TIMEOUT, run -> { }).getStatus());
        List<IdPoint> before = running.client().idProfile(runId).getPointsList();
        List<IdPoint> pcaBefore = before.stream().filter(point -> point.getEstimator().equals("pc-id")).toList();
        Set<SourceRef> sources = before.stream().map(IdPoint::getSource).collect(Collectors.toSet());
        assertEquals(sources.size(), pcaBefore.size(), "one PC-ID result per source before the replay");
        assertTrue(pcaBefore.stream().noneMatch(point -> point.getParametersMap().get("variance_threshold")
                .equals(THRESHOLD)), "the default threshold differs from the replay's");
        // Another run on the topic, which the replay must skip (in a full test run there are many).
        SourceRef other = CraftedEvents.source(OTHER_RUN, "V1");
        try (CraftedEvents events = new CraftedEvents(running.system().stack())) {
            List<ActivationBatch> batches = events.storeBatches(other, 23);
            for (ActivationBatch batch : batches) {
                events.publish(batch);
            }
            events.publish(events.manifest(other, batches.stream().map(ActivationBatch::getTensor).toList()));
            events.finishExtraction(OTHER_RUN, other);
        }
        // Crafted on the topic, not submitted: results-api knows the run once it has consumed these events, which
        // it does on its own time (following it at once answered "unknown run" on a loaded machine).
        await().atMost(RunningSystem.RUN_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> known(OTHER_RUN));
        assertEquals(RunStatus.RUN_STATUS_COMPLETED,
                running.client().follow(OTHER_RUN, RunningSystem.RUN_TIMEOUT, run -> { }).getStatus());

        Result replay = replay(runId, "id-estimator", "pd.id.pca-threshold=" + THRESHOLD);
        assertEquals(0, replay.exit(), replay.output());
        assertTrue(replay.output().contains("pd: replay done: " + sources.size() + " sources of run " + runId
                + " analysed again"), "only the reference run's sources, not the other run's: " + replay.output());
        assertTrue(replay.output().contains("pd: " + sources.size() + " new results beside the " + before.size()
                + " there were:"), replay.output());

        List<IdPoint> after = running.client().idProfile(runId).getPointsList();
        List<IdPoint> added = after.stream().filter(point -> !before.contains(point)).toList();
        assertTrue(after.containsAll(before), "every result from before the replay is still there, unchanged");
        assertEquals(sources.size(), added.size(), "one new result per source: " + added);
        for (IdPoint point : added) {
            assertEquals("pc-id", point.getEstimator());
            IdPoint old = pcaBefore.stream().filter(candidate -> candidate.getSource().equals(point.getSource()))
                    .findFirst().orElseThrow();
            Map<String, String> expected = new HashMap<>(old.getParametersMap());
            expected.put("variance_threshold", THRESHOLD);
            assertEquals(expected, point.getParametersMap(), "only the changed parameter differs");
            assertTrue(point.getId() <= old.getId(), "fewer components explain 80% than 90% of the variance: "
                    + point.getId() + " > " + old.getId() + " for " + point.getSource().getName());
        }
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, running.client().get(runId).getStatus());

        Result again = replay(runId, "id-estimator", "pd.id.pca-threshold=" + THRESHOLD);
        assertEquals(1, again.exit(), "the same replay twice finds its work done: " + again.output());
        assertTrue(again.output().contains("pd: no new results"), again.output());
    }

    @Test
    void anotherServicesSettingOrAnUnknownRunIsRefusedBeforeAnythingStarts() throws Exception {
        Result refused = replay(RunningSystem.REFERENCE_RUN, "id-estimator", "pd.info.units=10");
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("setting 'pd.info.units' is not one of id-estimator's: its keys start"
                + " with pd.id."), refused.output());
        Result unknown = replay("no-such-run", "info-decoder", "pd.info.decoding.units=8");
        assertEquals(1, unknown.exit(), unknown.output());
        assertTrue(unknown.output().contains("results-api at " + running.system().grpcTarget()
                + " knows no run 'no-such-run'"), unknown.output());
    }

    private record Result(int exit, String output) {
    }

    /** {@code ./pd replay RUN --analyser A --set S} against the running system. */
    private Result replay(String runId, String analyser, String setting) throws IOException, InterruptedException {
        return pd(running.system().stack().serviceEnvironment(), "replay", runId, "--analyser", analyser,
                "--set", setting, "--target", running.system().grpcTarget(), "--data", running.data().toString());
    }

    /** Runs the launcher as ./pd does, in a child JVM with the given environment. */
    private static Result pd(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        Path repository = Path.of(System.getProperty("pd.home", "..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dpd.home=" + repository, "-jar",
                repository.resolve("launcher/target/launcher.jar").toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("pd-replay-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("./pd " + String.join(" ", arguments) + " did not end within 10 minutes: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Whether results-api knows the run; any answer but "not found" is an error of its own. */
    private boolean known(String runId) {
        try {
            running.client().get(runId);
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                throw e;
            }
            return false;
        }
    }
}
