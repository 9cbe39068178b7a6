package org.prunedistill.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.ProfileRequest;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.ResultsServiceGrpc.ResultsServiceBlockingStub;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.UnitTablePage;
import org.prunedistill.api.v1.UnitTableRequest;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.testsupport.CraftedEvents;

/**
 * The S3 server is unavailable for 30 seconds while every service needs it: the extractor has a run to write, the
 * analysers a source to read, results-api a per-unit table to serve. Each retries with backoff; once the server is
 * back the run completes with every source's results exactly once, the source completes, the table arrives intact,
 * and no source has failed.
 */
@ExtendWith(WithRunningSystem.class)
class ObjectStoreOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final String RUN = "s3-outage";
    private static final String CRAFTED_RUN = "s3-outage-crafted";
    private static final int RUN_SOURCES = 4;
    private static final List<String> SERVICES = List.of("activation-extractor", "id-estimator", "info-decoder",
            "results-api");
    /** What each service logs when it retries (RetryPolicy). */
    private static final String RETRY_LOG = "; retrying in ";

    private final RunningSystem running = RunningSystem.get();

    @Test
    void everyServiceRidesOutAThirtySecondOutageAndNothingIsLost() throws Exception {
        Run reference = running.referenceRun(); // the shared system is idle, and has a table to read
        Map<String, Long> logsBefore = logLengths();
        SourceRef crafted = CraftedEvents.source(CRAFTED_RUN, "V1");
        CraftedSource source = storeCraftedSource(crafted); // while the server is up
        EmbeddedS3 s3 = running.system().stack().s3();
        ManagedChannel channel = ManagedChannelBuilder.forTarget(running.system().grpcTarget()).usePlaintext().build();
        try {
            ResultsServiceBlockingStub results = ResultsServiceGrpc.newBlockingStub(channel);
            UnitTableRequest table = UnitTableRequest.newBuilder().setRunId(reference.getRunId())
                    .setResultKey(results.listUnitTables(ProfileRequest.newBuilder().setRunId(reference.getRunId())
                            .build()).getTables(0).getResultKey()).build();
            List<UnitTablePage> tableBefore = pages(results.getUnitTable(table));

            s3.stop();
            long outageStart = System.nanoTime();
            // Work for every service while the server is down: a table to read, a source to analyse, a run to extract.
            CompletableFuture<List<UnitTablePage>> tableDuringOutage = CompletableFuture.supplyAsync(() -> pages(
                    results.withDeadlineAfter(OUTAGE.multipliedBy(4).toMillis(), TimeUnit.MILLISECONDS)
                            .getUnitTable(table)));
            sendCraftedSource(crafted, source);
            running.client().submit(RUN, modelRun());
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - outageStart) / 1_000_000));

            assertFalse(tableDuringOutage.isDone(), "the table cannot be read while the server is down");
            assertNotEquals(RunStatus.RUN_STATUS_COMPLETED, running.client().get(RUN).getStatus());
            assertNotEquals(RunStatus.RUN_STATUS_COMPLETED, running.client().get(CRAFTED_RUN).getStatus());
            for (String service : SERVICES) {
                assertTrue(logSince(service, logsBefore.get(service)).contains(RETRY_LOG),
                        service + " logged no retry during the outage: it was not put to the test");
            }
            s3.resume();
            assertEquals(tableBefore, tableDuringOutage.get(2, TimeUnit.MINUTES),
                    "the table read during the outage is the table read before it");
        } finally {
            s3.resume();
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        assertRunCompleteWithEveryResultOnce(resultsPerModelSource(reference));
        assertCraftedSourceAnalysed();
    }

    private record CraftedSource(List<ActivationBatch> batches, SourceManifest manifest) {
    }

    private CraftedSource storeCraftedSource(SourceRef crafted) {
        try (CraftedEvents events = new CraftedEvents(running.system().stack())) {
            List<ActivationBatch> batches = events.storeBatches(crafted, 17);
            return new CraftedSource(batches, events.manifest(crafted,
                    batches.stream().map(ActivationBatch::getTensor).toList()));
        }
    }

    private void sendCraftedSource(SourceRef crafted, CraftedSource source) throws Exception {
        try (CraftedEvents events = new CraftedEvents(running.system().stack())) {
            for (ActivationBatch batch : source.batches()) {
                events.publish(batch);
            }
            events.publish(source.manifest());
            events.finishExtraction(CRAFTED_RUN, crafted);
        }
    }

    /** Two checkpoints x two layers of the built-in CNN, with a seed no other test uses (nothing to reuse). */
    private static RunSpec modelRun() {
        return RunSpec.newBuilder()
                .setStimuli(StimulusSpec.newBuilder().setSet("rat-objects").setSeed(9).setTrials(2))
                .addModels(ModelSource.newBuilder().setModel("builtin-cnn-small")
                        .addCheckpoints("random-1").addCheckpoints("random-2")
                        .addLayers("pool2").addLayers("fc1"))
                .build();
    }

    /** ID results per model source, as the reference run (no outage) has them. */
    private int resultsPerModelSource(Run reference) {
        List<IdPoint> points = running.client().idProfile(reference.getRunId()).getPointsList().stream()
                .filter(point -> !point.getSource().getCheckpoint().isEmpty()).toList();
        return Math.toIntExact(points.size() / points.stream().map(IdPoint::getSource).distinct().count());
    }

    private void assertRunCompleteWithEveryResultOnce(int resultsPerSource) {
        Run done = running.client().follow(RUN, RunningSystem.RUN_TIMEOUT, run -> { });
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, done.getStatus(), done.getFailureReason());
        assertEquals(RUN_SOURCES, done.getSourcesCount());
        done.getSourcesList().forEach(source -> assertEquals(List.of(), source.getFailuresList(), source.toString()));
        List<IdPoint> points = running.client().idProfile(RUN).getPointsList();
        assertEquals(RUN_SOURCES * resultsPerSource, points.size(), "one result per source and estimator: " + points);
        Set<String> keys = new HashSet<>();
        for (IdPoint point : points) {
            assertTrue(keys.add(point.getSource() + "|" + point.getEstimator() + "|" + point.getParametersMap()),
                    "duplicate result " + point);
        }
    }

    private void assertCraftedSourceAnalysed() {
        Run done = running.client().follow(CRAFTED_RUN, RunningSystem.RUN_TIMEOUT, run -> { });
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, done.getStatus(), done.toString());
        assertEquals(List.of(), done.getSources(0).getFailuresList());
        assertEquals(List.of("information", "intrinsic-dimension"),
                done.getSources(0).getAnalysesDoneList().stream().sorted().toList());
    }

    private static List<UnitTablePage> pages(Iterator<UnitTablePage> stream) {
        List<UnitTablePage> pages = new ArrayList<>();
        stream.forEachRemaining(pages::add);
        return pages;
    }

    private Map<String, Long> logLengths() throws IOException {
        Map<String, Long> lengths = new HashMap<>();
        for (String service : SERVICES) {
            lengths.put(service, Files.size(running.system().service(service).log()));
        }
        return lengths;
    }

    private String logSince(String service, long offset) throws IOException {
        byte[] log = Files.readAllBytes(running.system().service(service).log());
        int from = (int) Math.min(offset, log.length);
        return new String(log, from, log.length - from, StandardCharsets.UTF_8);
    }
}
