package org.prunedistill.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.UnitTableInfo;
import org.prunedistill.api.v1.UnitTablePage;
import org.prunedistill.api.v1.UnitTableRequest;
import org.prunedistill.api.v1.ProfileRequest;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.ActivationBatch;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.StimulusSpec;
import org.prunedistill.launcher.ServiceProcess;

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
    /** What each service logs when it retries (RetryPolicy). */
    private static final String RETRY_LOG = "; retrying in ";

    private final RunningSystem running = RunningSystem.get();

    @Test
    void everyServiceRidesOutAThirtySecondOutageAndNothingIsLost() throws Exception {
        Run reference = running.referenceRun(); // the shared system is idle, and has a table to read
        List<IdPoint> referencePoints = running.client().idProfile(reference.getRunId()).getPointsList().stream()
                .filter(point -> !point.getSource().getCheckpoint().isEmpty()).toList();
        int resultsPerModelSource = Math.toIntExact(referencePoints.size()
                / referencePoints.stream().map(IdPoint::getSource).distinct().count());
        EmbeddedS3 s3 = running.system().stack().s3();
        Set<String> servicesWithRetries = Set.of("activation-extractor", "id-estimator", "info-decoder", "results-api");
        java.util.Map<String, Long> logLengths = new java.util.HashMap<>();
        for (String service : servicesWithRetries) {
            logLengths.put(service, Files.size(running.system().service(service).log()));
        }

        // A crafted source whose objects are stored while the server is up; its events are sent during the outage.
        SourceRef crafted = CraftedEvents.source(CRAFTED_RUN, "V1");
        List<ActivationBatch> batches;
        org.prunedistill.events.v1.SourceManifest manifest;
        try (CraftedEvents events = new CraftedEvents(running.system().stack())) {
            batches = events.storeBatches(crafted, 17);
            manifest = events.manifest(crafted, batches.stream().map(ActivationBatch::getTensor).toList());
        }
        ManagedChannel channel = ManagedChannelBuilder.forTarget(running.system().grpcTarget()).usePlaintext().build();
        try {
            var results = ResultsServiceGrpc.newBlockingStub(channel);
            UnitTableInfo table = results.listUnitTables(ProfileRequest.newBuilder()
                    .setRunId(reference.getRunId()).build()).getTables(0);
            UnitTableRequest tableRequest = UnitTableRequest.newBuilder().setRunId(reference.getRunId())
                    .setResultKey(table.getResultKey()).build();
            List<UnitTablePage> tableBefore = pages(results.getUnitTable(tableRequest));

            s3.stop();
            long outageStart = System.nanoTime();
            CompletableFuture<List<UnitTablePage>> tableDuringOutage = CompletableFuture.supplyAsync(() -> pages(
                    results.withDeadlineAfter(OUTAGE.multipliedBy(4).toMillis(), TimeUnit.MILLISECONDS)
                            .getUnitTable(tableRequest)));
            try (CraftedEvents events = new CraftedEvents(running.system().stack())) {
                for (ActivationBatch batch : batches) {
                    events.publish(batch);
                }
                events.publish(manifest);
                events.finishExtraction(CRAFTED_RUN, crafted);
            }
            running.client().submit(RUN, RunSpec.newBuilder()
                    .setStimuli(StimulusSpec.newBuilder().setSet("rat-objects").setSeed(9).setTrials(2))
                    .addModels(ModelSource.newBuilder().setModel("builtin-cnn")
                            .addCheckpoints("random-1").addCheckpoints("random-2")
                            .addLayers("pool2").addLayers("fc1"))
                    .build());

            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - outageStart) / 1_000_000));
            assertFalse(tableDuringOutage.isDone(), "the table cannot be read while the server is down");
            assertNotEquals(RunStatus.RUN_STATUS_COMPLETED, running.client().get(RUN).getStatus());
            assertNotEquals(RunStatus.RUN_STATUS_COMPLETED, running.client().get(CRAFTED_RUN).getStatus());
            for (String service : servicesWithRetries) {
                assertTrue(logSince(service, logLengths.get(service)).contains(RETRY_LOG),
                        service + " logged no retry during the outage: it was not put to the test");
            }
            s3.resume();

            assertEquals(tableBefore, tableDuringOutage.get(2, TimeUnit.MINUTES),
                    "the table read during the outage is the table read before it");
        } finally {
            s3.resume();
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }

        Run done = running.client().follow(RUN, RunningSystem.RUN_TIMEOUT, run -> { });
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, done.getStatus(), done.getFailureReason());
        assertEquals(4, done.getSourcesCount());
        done.getSourcesList().forEach(source -> assertEquals(List.of(), source.getFailuresList(), source.toString()));
        List<IdPoint> points = running.client().idProfile(RUN).getPointsList();
        assertEquals(4 * resultsPerModelSource, points.size(), "one result per source and estimator: " + points);
        Set<String> keys = new HashSet<>();
        for (IdPoint point : points) {
            assertTrue(keys.add(point.getSource() + "|" + point.getEstimator() + "|" + point.getParametersMap()),
                    "duplicate result " + point);
        }

        Run craftedDone = running.client().follow(CRAFTED_RUN, RunningSystem.RUN_TIMEOUT, run -> { });
        assertEquals(RunStatus.RUN_STATUS_COMPLETED, craftedDone.getStatus(), craftedDone.toString());
        assertEquals(List.of(), craftedDone.getSources(0).getFailuresList());
        assertEquals(List.of("information", "intrinsic-dimension"),
                craftedDone.getSources(0).getAnalysesDoneList().stream().sorted().toList());
    }

    private static List<UnitTablePage> pages(java.util.Iterator<UnitTablePage> stream) {
        List<UnitTablePage> pages = new ArrayList<>();
        stream.forEachRemaining(pages::add);
        return pages;
    }

    private String logSince(String service, long offset) throws java.io.IOException {
        ServiceProcess process = running.system().service(service);
        byte[] log = Files.readAllBytes(process.log());
        return new String(log, (int) Math.min(offset, log.length), (int) Math.max(0, log.length - offset),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
