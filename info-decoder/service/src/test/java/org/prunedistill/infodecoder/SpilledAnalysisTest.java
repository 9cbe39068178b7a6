package org.prunedistill.infodecoder;

import org.prunedistill.info.analysis.InformationAnalysis;
import org.prunedistill.info.analysis.StepTimer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.analysis.messaging.EstimatorTimer;
import org.prunedistill.claimcheck.ClaimCheckException;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.SourceAssembler;
import org.prunedistill.claimcheck.SpilledSource;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.ActivationEvent;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.UnitSampleKind;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.infodecoder.messaging.InformationSourceAnalysis;
import org.prunedistill.messaging.ActivationEventHandler;
import org.prunedistill.messaging.EventPublisher;
import org.prunedistill.messaging.PoisonEventException;
import org.prunedistill.messaging.SourceKeys;

/**
 * The planted source analysed from memory and from its spill file (written batch by batch from a real S3 server,
 * read back in blocks of units) gives the same results, whatever the block size.
 */
class SpilledAnalysisTest {

    @TempDir
    static Path storage;
    @TempDir
    Path spillDirectory;
    private static EmbeddedS3 s3;
    private static ObjectStore store;
    private static final PlantedSource SOURCE = new PlantedSource(11);
    private static SourceManifest manifest;

    @BeforeAll
    static void uploadThePlantedSource() throws Exception {
        s3 = EmbeddedS3.start(storage, 0);
        store = ObjectStore.connect(new StoreSettings(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY,
                "spill-test", EmbeddedS3.REGION));
        store.ensureBucket();
        manifest = SourceUpload.upload(store, "conv", SOURCE.conditions, PlantedSource.TRIALS, PlantedSource.UNITS,
                50, SourceUpload.of(SOURCE.tensor));
    }

    @AfterAll
    static void stopStore() throws Exception {
        s3.close();
    }

    @Test
    void givesTheSameResultsFromTheSpillFileAsFromMemory() {
        List<AnalysisResult> inMemory = analyse(TestSettings.defaults(), SOURCE.tensor);
        for (int block : new int[] {1, 3, 1024}) {
            try (SpilledSource spilled = new SourceAssembler(store).spill(manifest, spillDirectory)) {
                assertSame(inMemory, analyse(TestSettings.with("unit-block=" + block), spilled));
            }
        }
    }

    @Test
    void givesTheSameSubsetResultsFromTheSpillFileAsFromMemory() {
        InformationSettings config = TestSettings.with("max-units=3");
        List<AnalysisResult> inMemory = analyse(config, SOURCE.tensor);
        try (SpilledSource spilled = new SourceAssembler(store).spill(manifest, spillDirectory)) {
            List<AnalysisResult> fromFile = analyse(TestSettings.with("max-units=3", "unit-block=2"), spilled);
            assertSame(inMemory, fromFile);
            AnalysisResult significance = fromFile.stream()
                    .filter(result -> result.getEstimator().equals("significance")).findFirst().orElseThrow();
            assertEquals(UnitSampleKind.UNIT_SAMPLE_KIND_SEEDED_SUBSET,
                    significance.getParameters().getUnitSampling().getSample());
            assertEquals(3, significance.getParameters().getUnitSampling().getMaxUnits());
            assertEquals(3, significance.getUnits().getAnalysed());
            assertEquals(4, significance.getUnits().getInSource());
            assertEquals(UnitSampleKind.UNIT_SAMPLE_KIND_ALL,
                    fromFile.get(0).getParameters().getUnitSampling().getSample(), "whole-set: every unit");
        }
    }

    @Test
    void leavesNoFileWhenABatchDisagreesWithTheManifest() throws IOException {
        // The last batch (2 conditions) replaced by the first (50): found after three batches were written.
        SourceManifest broken = manifest.toBuilder().setBatches(manifest.getBatchesCount() - 1, manifest.getBatches(0))
                .build();
        ClaimCheckException failure = assertThrows(ClaimCheckException.class,
                () -> new SourceAssembler(store).spill(broken, spillDirectory));
        assertEquals(ClaimCheckException.Problem.SHAPE_MISMATCH, failure.problem());
        try (Stream<Path> left = Files.list(spillDirectory)) {
            assertEquals(0, left.count(), "spill files left behind");
        }
    }

    @Test
    void theHandlerSpillsAnalysesPublishesAndDeletesItsFile() throws IOException {
        List<AnalysisResult> results = new java.util.ArrayList<>();
        List<RunEvent> events = new java.util.ArrayList<>();
        EventPublisher publisher = new EventPublisher() {
            @Override
            public void publishResult(AnalysisResult result) {
                results.add(result);
            }

            @Override
            public void publishRunEvent(RunEvent event) {
                events.add(event);
            }
        };
        ActivationEventHandler handler = new ActivationEventHandler("info-decoder", store,
                adapter(TestSettings.with("unit-block=" + 3), store), publisher, spillDirectory);
        String key = SourceKeys.sourceKey(manifest.getSource());
        handler.handle(key, ActivationEvent.newBuilder().setManifest(manifest).build().toByteArray(), "test@0");
        assertEquals(8, results.size());
        assertEquals(List.of(RunEvent.EventCase.PROGRESS), events.stream().map(RunEvent::getEventCase).toList());
        assertNoSpillFile();

        SourceManifest broken = manifest.toBuilder().setBatches(manifest.getBatchesCount() - 1, manifest.getBatches(0))
                .build();
        assertThrows(PoisonEventException.class, () -> handler.handle(key,
                ActivationEvent.newBuilder().setManifest(broken).build().toByteArray(), "test@1"));
        assertEquals(RunEvent.EventCase.SOURCE_FAILED, events.get(events.size() - 1).getEventCase());
        assertNoSpillFile();
    }

    @Test
    void theHandlerWarnsAfterTheResultsOfASourceWithOneTrialPerCondition() {
        SourceManifest oneTrial = SourceUpload.upload(store, "one-trial", SOURCE.conditions, 1, PlantedSource.UNITS,
                50, (condition, trial, unit) -> SOURCE.tensor.value(condition, 0, unit));
        List<RunEvent.EventCase> order = new java.util.ArrayList<>();
        List<RunEvent> events = new java.util.ArrayList<>();
        EventPublisher publisher = new EventPublisher() {
            @Override
            public void publishResult(AnalysisResult result) {
                order.add(RunEvent.EventCase.EVENT_NOT_SET);
            }

            @Override
            public void publishRunEvent(RunEvent event) {
                order.add(event.getEventCase());
                events.add(event);
            }
        };
        ActivationEventHandler handler = new ActivationEventHandler("info-decoder", store,
                adapter(TestSettings.defaults(), store), publisher, spillDirectory);
        handler.handle(SourceKeys.sourceKey(oneTrial.getSource()),
                ActivationEvent.newBuilder().setManifest(oneTrial).build().toByteArray(), "test@2");
        // The results (not set: a result, not a run event), then the warning, then the source's progress.
        assertEquals(RunEvent.EventCase.WARNING, order.get(order.size() - 2));
        assertEquals(RunEvent.EventCase.PROGRESS, order.get(order.size() - 1));
        assertEquals(8, order.size() - 2, "every result published");
        RunEvent warning = events.get(events.size() - 2);
        assertEquals(oneTrial.getSource(), warning.getWarning().getSource());
        assertTrue(warning.getWarning().getReason().startsWith("information of one-trial: one trial per "
                + "condition"), warning.getWarning().getReason());
        assertEquals(List.of(InformationSourceAnalysis.ONE_TRIAL), adapter(TestSettings.defaults(), store)
                .cautions(oneTrial));
        assertEquals(List.of(), adapter(TestSettings.defaults(), store).cautions(manifest), "ten trials: none");
    }

    private void assertNoSpillFile() throws IOException {
        try (Stream<Path> left = Files.list(spillDirectory)) {
            assertEquals(0, left.count(), "spill files left behind");
        }
    }

    private static void assertSame(List<AnalysisResult> expected, List<AnalysisResult> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            String name = expected.get(i).getEstimator();
            assertEquals(expected.get(i).getResultKey(), actual.get(i).getResultKey(), name);
            assertEquals(expected.get(i).getParameters(), actual.get(i).getParameters(), name);
            assertEquals(expected.get(i).getUnits(), actual.get(i).getUnits(), name);
            assertEquals(expected.get(i).getInformation(), actual.get(i).getInformation(), name);
            assertEquals(expected.get(i).getSignificance(), actual.get(i).getSignificance(), name);
            assertEquals(expected.get(i).getDecoding(), actual.get(i).getDecoding(), name);
            assertEquals(expected.get(i).getPerUnitTable(), actual.get(i).getPerUnitTable(), name + ": table");
        }
    }

    private static List<AnalysisResult> analyse(InformationSettings config, SourceActivations source) {
        return adapter(config, store).analyse(manifest, source);
    }

    /** The service's adapter around the use case with this configuration. */
    static InformationSourceAnalysis adapter(InformationSettings config, ObjectStore store) {
        InformationAnalysis analysis = new InformationAnalysis(config, StepTimer.NONE);
        return InformationSourceAnalysis.of(analysis, store);
    }
}
