package org.prunedistill.idestimator.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.GrideScale;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.TwoNnFit;
import org.prunedistill.id.DecimationStep;
import org.prunedistill.id.IdAnalysisResult;
import org.prunedistill.id.IdEstimate;
import org.prunedistill.id.LinearDimensionEstimate;
import org.prunedistill.id.SubsampledEstimate;
import org.prunedistill.id.TwoNnMleEstimate;
import org.prunedistill.idestimator.domain.IdSettings;
import org.prunedistill.idestimator.domain.IdSourceResult;
import org.prunedistill.messaging.SourceKeys;

/** Hand-made estimates through the typed contract: every number arrives where it belongs and keys are stable. */
class ResultMappingTest {

    private static final SourceManifest MANIFEST = SourceManifest.newBuilder().setSource(SourceRef.newBuilder()
            .setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER).setName("pool1").setCheckpoint("trained")).build();
    private static final IdSettings SETTINGS = new IdSettings(0.9, 0.05, 4, 0.9, 2, 0.9, true, 7L, 0);

    @Test
    void everyEstimateSurvivesTheRoundTripThroughTheWire() throws InvalidProtocolBufferException {
        List<AnalysisResult> results = ResultMapping.toResults(MANIFEST, source(SETTINGS));
        List<AnalysisResult> parsed = results.stream().map(result -> parse(result.toByteArray())).toList();
        assertEquals(results, parsed);

        TwoNnFit twoNn = parsed.get(0).getTwoNn();
        assertEquals(2.1, twoNn.getId());
        assertTrue(twoNn.getHasSubsamples());
        assertEquals(0.2, twoNn.getSubsampleSd());
        assertEquals(2.05, twoNn.getSubsampleMean());
        assertEquals(0.5, twoNn.getScale());
        assertEquals(90, twoNn.getPointsUsed());
        assertEquals(10, twoNn.getPointsDropped());
        assertEquals(3, twoNn.getDuplicatesRemoved());
        assertEquals(2, parsed.get(0).getParameters().getTwoNn().getSubsamples());
        assertEquals(90, parsed.get(0).getParameters().getTwoNn().getSubsampleSize());
        assertEquals(7L, parsed.get(0).getParameters().getTwoNn().getSeed());

        assertEquals(100, parsed.get(1).getDecimation().getSteps(0).getSize());
        assertEquals(0.1, parsed.get(1).getDecimation().getSteps(1).getError());
        assertEquals(1.7, parsed.get(2).getTwoNnMle().getCiLow());
        assertEquals(2.6, parsed.get(2).getTwoNnMle().getCiHigh());
        assertEquals(List.of(GrideScale.newBuilder().setN1(1).setN2(2).setId(1.9).setError(0.3).setScale(0.4)
                .setPointsUsed(98).setPointsDropped(2).build(), GrideScale.newBuilder().setN1(2).setN2(4).setId(2.2)
                .setError(0.25).setScale(0.8).setPointsUsed(99).setPointsDropped(1).build()),
                parsed.get(3).getGride().getScalesList());
        assertEquals(5, parsed.get(4).getPcId().getComponents());
        assertEquals(0.9, parsed.get(4).getPcId().getVarianceThreshold());
        assertEquals(1, parsed.get(4).getPcId().getConstantFeatures());
        assertEquals(3.5, parsed.get(5).getParticipationRatio().getValue());
        assertEquals(12, parsed.get(5).getParticipationRatio().getFeatures());
        for (AnalysisResult result : parsed) {
            assertEquals(12, result.getUnits().getInSource());
            assertEquals(12, result.getUnits().getAnalysed());
            assertEquals(SourceKeys.resultKey(result.getSource(), result.getAnalysis(), result.getEstimator(),
                    result.getParameters()), result.getResultKey());
        }
    }

    @Test
    void aReplayWithTheSameSettingsLandsOnTheSameKeysAndAnotherThresholdMovesOnlyPcId() {
        List<String> first = keys(ResultMapping.toResults(MANIFEST, source(SETTINGS)));
        assertEquals(first, keys(ResultMapping.toResults(MANIFEST, source(SETTINGS))));
        IdSettings lower = new IdSettings(0.9, 0.05, 4, 0.8, 2, 0.9, true, 7L, 0);
        List<String> replayed = keys(ResultMapping.toResults(MANIFEST, source(lower)));
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i).contains("/pc-id/")) {
                assertNotEquals(first.get(i), replayed.get(i));
            } else {
                assertEquals(first.get(i), replayed.get(i));
            }
        }
    }

    @Test
    void rewordingTheNotesLeavesEveryKeyAlone() {
        for (AnalysisResult result : ResultMapping.toResults(MANIFEST, source(SETTINGS))) {
            AnalysisResult reworded = result.toBuilder().clearNotes().putAllNotes(Map.of("points",
                    "condition means")).build();
            assertEquals(result.getResultKey(), SourceKeys.resultKey(reworded.getSource(), reworded.getAnalysis(),
                    reworded.getEstimator(), reworded.getParameters()));
        }
    }

    @Test
    void withoutSubsamplesTheFitHasNoErrorBarAndRecordsNone() {
        IdSettings none = new IdSettings(0.9, 0.05, 4, 0.9, 0, 0.9, false, 7L, 0);
        IdSourceResult result = source(none);
        IdAnalysisResult analysis = result.analysis();
        IdAnalysisResult bare = new IdAnalysisResult(analysis.points(), analysis.dimensions(),
                analysis.duplicatesRemoved(), analysis.neighbours(), analysis.twoNn(), analysis.twoNnMle(),
                analysis.gride(), analysis.linear(), null, List.of(), Map.of());
        List<AnalysisResult> results = ResultMapping.toResults(MANIFEST, new IdSourceResult(result.sample(), bare,
                none, null));
        assertEquals(5, results.size(), "no decimation result");
        assertFalse(results.get(0).getTwoNn().getHasSubsamples());
        assertEquals(0, results.get(0).getParameters().getTwoNn().getSubsamples());
    }

    private static IdSourceResult source(IdSettings settings) {
        IdEstimate fit = new IdEstimate("twonn", 2.1, Double.NaN, 0.5, 90, 10, Map.of());
        SubsampledEstimate subsampled = new SubsampledEstimate("twonn", 2.05, 0.2, 0.5, 90, List.of(fit, fit));
        TwoNnMleEstimate mle = new TwoNnMleEstimate(new IdEstimate("twonn-mle", 2.2, 0.23, 0.45, 100, 0,
                Map.of()), 1.7, 2.6);
        List<IdEstimate> gride = List.of(new IdEstimate("gride", 1.9, 0.3, 0.4, 98, 2, Map.of()),
                new IdEstimate("gride", 2.2, 0.25, 0.8, 99, 1, Map.of()));
        List<DecimationStep> decimation = List.of(new DecimationStep(100, 1, 2.1, 0.0, 0.5),
                new DecimationStep(50, 2, 2.3, 0.1, 0.7));
        LinearDimensionEstimate linear = new LinearDimensionEstimate(settings.pcaThreshold() < 0.85 ? 4 : 5,
                settings.pcaThreshold(), 3.5, 12, 1);
        IdAnalysisResult analysis = new IdAnalysisResult(103, 12, 3, 64, fit, mle, gride, linear, subsampled,
                decimation, Map.of());
        return new IdSourceResult(UnitSample.all(12), analysis, settings, null);
    }

    private static List<String> keys(List<AnalysisResult> results) {
        return results.stream().map(AnalysisResult::getResultKey).toList();
    }

    private static AnalysisResult parse(byte[] bytes) {
        try {
            return AnalysisResult.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
