package org.prunedistill.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.EstimatorParameters;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.TwoNnFit;

class AnalysedContentTest {

    private static final String ANALYSIS = "intrinsic-dimension";
    private static final SourceRef FIRST = source("step-000000");
    private static final SourceRef LATER = source("step-006000");

    @Test
    void aSourceWithTheSameContentGetsTheEarlierResultsAddressedToIt() {
        AnalysedContent analysed = new AnalysedContent(8);
        SourceManifest first = manifest(FIRST, "aa", "model-a");
        AnalysisResult computed = result(first);
        analysed.remember(ANALYSIS, first, List.of(computed));

        SourceManifest later = manifest(LATER, "aa", "model-b");
        AnalysedContent.Reused reused = analysed.find(ANALYSIS, later).orElseThrow();
        assertEquals(SourceKeys.sourceKey(FIRST), reused.from());
        AnalysisResult result = reused.results().get(0);
        assertEquals(LATER, result.getSource());
        assertEquals(SourceKeys.resultKey(LATER, ANALYSIS, "twonn", computed.getParameters()), result.getResultKey());
        assertEquals(Sha256.hex(later.toByteArray()), result.getInputSha256());
        assertEquals(SourceKeys.sourceKey(FIRST), result.getProvenance().getDetailsOrThrow(
                AnalysedContent.REUSED_FROM));
        assertEquals(computed.getTwoNn(), result.getTwoNn(), "the values are the earlier source's");
        assertEquals(computed.toBuilder().clearSource().clearResultKey().clearInputSha256().clearProvenance().build(),
                result.toBuilder().clearSource().clearResultKey().clearInputSha256().clearProvenance().build());
    }

    @Test
    void otherTensorsAnotherAnalysisOrTheSameSourceAgainAreAnalysed() {
        AnalysedContent analysed = new AnalysedContent(8);
        SourceManifest first = manifest(FIRST, "aa", "model-a");
        analysed.remember(ANALYSIS, first, List.of(result(first)));
        assertTrue(analysed.find(ANALYSIS, manifest(LATER, "bb", "model-a")).isEmpty(), "other tensors");
        assertTrue(analysed.find("information", manifest(LATER, "aa", "model-a")).isEmpty(), "another analysis");
        assertTrue(analysed.find(ANALYSIS, first).isEmpty(), "a replay of the same source is analysed again");
        assertTrue(analysed.find(ANALYSIS, manifest(LATER, "aa", "model-a").toBuilder().setCommonUnits(5).build())
                .isEmpty(), "the same tensors compared at other units");
    }

    @Test
    void theLeastRecentlyUsedContentLeavesFirst() {
        AnalysedContent analysed = new AnalysedContent(1);
        SourceManifest a = manifest(FIRST, "aa", "m");
        SourceManifest b = manifest(FIRST, "bb", "m");
        analysed.remember(ANALYSIS, a, List.of(result(a)));
        analysed.remember(ANALYSIS, b, List.of(result(b)));
        assertTrue(analysed.find(ANALYSIS, manifest(LATER, "aa", "m")).isEmpty());
        assertTrue(analysed.find(ANALYSIS, manifest(LATER, "bb", "m")).isPresent());
        assertTrue(new AnalysedContent(0).find(ANALYSIS, a).isEmpty());
    }

    @Test
    void resultsKeyedOtherwiseThanByTheirSourceAreNotKept() {
        AnalysedContent analysed = new AnalysedContent(8);
        SourceManifest first = manifest(FIRST, "aa", "m");
        analysed.remember(ANALYSIS, first, List.of(result(first).toBuilder().setResultKey("elsewhere/x").build()));
        assertTrue(analysed.find(ANALYSIS, manifest(LATER, "aa", "m")).isEmpty());
    }

    private static SourceRef source(String checkpoint) {
        return SourceRef.newBuilder().setRunId("run-1").setKind(SourceKind.SOURCE_KIND_LAYER).setName("pixels")
                .setCheckpoint(checkpoint).setOrigin("deep-cnn").build();
    }

    private static SourceManifest manifest(SourceRef source, String tensorDigit, String model) {
        String sha = tensorDigit.repeat(32);
        return SourceManifest.newBuilder().setSource(source)
                .addBatches(ObjectRef.newBuilder().setBucket("b").setKey("tensors/" + sha + ".npy").setSha256(sha)
                        .setBytes(128).addShape(2).addShape(3).addShape(4))
                .addTotalShape(2).addTotalShape(3).addTotalShape(4)
                .setStimulusMetadata(ObjectRef.newBuilder().setKey("documents/" + "cc".repeat(32) + ".json"))
                .setProvenance(Provenance.newBuilder().setCreatedAtMs(System.nanoTime())
                        .putDetails("model_sha256", model).putDetails("checkpoint", source.getCheckpoint()))
                .build();
    }

    private static AnalysisResult result(SourceManifest manifest) {
        EstimatorParameters parameters = EstimatorParameters.getDefaultInstance();
        return AnalysisResult.newBuilder().setSource(manifest.getSource()).setAnalysis(ANALYSIS).setEstimator("twonn")
                .setResultKey(SourceKeys.resultKey(manifest.getSource(), ANALYSIS, "twonn", parameters))
                .setParameters(parameters).setInputSha256(Sha256.hex(manifest.toByteArray()))
                .setProvenance(Provenance.newBuilder().setProducer("id-estimator").setCreatedAtMs(1))
                .setTwoNn(TwoNnFit.newBuilder().setId(7.25)).build();
    }
}
