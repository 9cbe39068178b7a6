package org.prunedistill.results.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.AnalysisFailure;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Measure;
import org.prunedistill.api.v1.Run;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.DecimationCurve;
import org.prunedistill.events.v1.DecimationStep;
import org.prunedistill.events.v1.DecodingLevel;
import org.prunedistill.events.v1.DecodingMeasure;
import org.prunedistill.events.v1.DecodingSummary;
import org.prunedistill.events.v1.DecodingTask;
import org.prunedistill.events.v1.DecodingValue;
import org.prunedistill.events.v1.EstimatorParameters;
import org.prunedistill.events.v1.GrideCurve;
import org.prunedistill.events.v1.GrideParameters;
import org.prunedistill.events.v1.GrideScale;
import org.prunedistill.events.v1.InformationMedian;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.InformationSummary;
import org.prunedistill.events.v1.NotEvaluatedReason;
import org.prunedistill.events.v1.PcId;
import org.prunedistill.events.v1.PcIdParameters;
import org.prunedistill.events.v1.RunEvent;
import org.prunedistill.events.v1.SourceFailed;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.TwoNnFit;
import org.prunedistill.events.v1.UnitCounts;
import org.prunedistill.events.v1.UnitSampleKind;
import org.prunedistill.events.v1.UnitSampling;
import org.prunedistill.results.domain.MemoryResultBodies;
import org.prunedistill.results.domain.RunState;

/** The typed results as the API's points and runs: every number from a typed field, names written, never read. */
class ApiMappingTest {

    private static final SourceRef LAYER = SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER)
            .setName("fc1").setCheckpoint("trained").setOrigin("builtin-cnn-small").build();

    @Test
    void decodingSummariesBecomeInformationPointsWithTheirErrors() {
        AnalysisResult single = result("single-unit-decoding").setUnits(UnitCounts.newBuilder().setAnalysed(64))
                .setDecoding(DecodingSummary.newBuilder()
                        .addValues(decoding(DecodingTask.DECODING_TASK_SEPARABILITY, DecodingLevel.DECODING_LEVEL_SINGLE_UNIT,
                                1, DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE, 0.42, 0.03))
                        .addValues(decoding(DecodingTask.DECODING_TASK_GENERALISATION,
                                DecodingLevel.DECODING_LEVEL_SINGLE_UNIT, 1,
                                DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT, 71.5, 1.5)))
                .build();
        AnalysisResult population = result("population-decoding").setUnits(UnitCounts.newBuilder().setAnalysed(200))
                .setDecoding(DecodingSummary.newBuilder()
                        .addValues(decoding(DecodingTask.DECODING_TASK_SEPARABILITY,
                                DecodingLevel.DECODING_LEVEL_POPULATION, 12,
                                DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE, 0.8, 0.1))
                        .addValues(decoding(DecodingTask.DECODING_TASK_GENERALISATION,
                                DecodingLevel.DECODING_LEVEL_POPULATION, 12,
                                DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT, 90, Double.NaN)))
                .build();
        List<InformationPoint> points = ApiMapping.informationPoints(List.of(single, population));
        assertEquals(4, points.size(), points.toString());

        InformationPoint separability = point(points, "single-unit separability", "above-chance");
        assertEquals(0.42, separability.getMedian());
        assertTrue(separability.getHasMedianError());
        assertEquals(0.03, separability.getMedianError());
        assertEquals(64, separability.getUnits());
        assertEquals(Measure.newBuilder().setTask(DecodingTask.DECODING_TASK_SEPARABILITY)
                .setLevel(DecodingLevel.DECODING_LEVEL_SINGLE_UNIT).setPopulationSize(1)
                .setDecodingMeasure(DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE).build(), separability.getMeasure());
        assertEquals(71.5, point(points, "single-unit generalisation", "percent-correct").getMedian());

        InformationPoint pseudo = point(points, "population separability (12 units)", "above-chance");
        assertEquals(12, pseudo.getUnits(), "a population point's units are its size");
        assertEquals(12, pseudo.getMeasure().getPopulationSize());
        assertEquals(0.1, pseudo.getMedianError(), "the SD over resamplings");
        assertFalse(point(points, "population generalisation (12 units)", "percent-correct").getHasMedianError());
    }

    @Test
    void informationPointsCarryTheUnitCountsTheUnfilteredMedianAndWhyAMedianIsMissing() {
        UnitCounts counts = UnitCounts.newBuilder().setInSource(400).setAnalysed(400).setResponsive(90)
                .setInformative(120).setIncluded(70).build();
        AnalysisResult luminance = result("luminance-decomposition").setUnits(counts)
                .setInformation(InformationSummary.newBuilder().addMedians(median(
                        InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE, Correction.CORRECTION_PANZERI_TREVES,
                        0.40, 0.02).toBuilder().setUnfilteredMedian(0.01).setHasUnfilteredMedian(true)))
                .build();
        AnalysisResult single = result("single-unit-decoding").setUnits(counts.toBuilder().setAnalysed(64))
                .setDecoding(DecodingSummary.newBuilder().addValues(decoding(DecodingTask.DECODING_TASK_SEPARABILITY,
                        DecodingLevel.DECODING_LEVEL_SINGLE_UNIT, 1, DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE,
                        0.3, 0.01)))
                .build();
        UnitCounts none = UnitCounts.newBuilder().setInSource(400).setAnalysed(400).setInformative(12)
                .setNotEvaluatedReason(NotEvaluatedReason.NOT_EVALUATED_REASON_NO_RESPONSIVE_UNIT).build();
        AnalysisResult empty = result("contrast-decomposition").setSource(LAYER.toBuilder().setName("pool1"))
                .setUnits(none).setInformation(InformationSummary.newBuilder().addMedians(InformationMedian
                        .newBuilder().setQuantity(InformationQuantity.INFORMATION_QUANTITY_RF_CONTRAST)
                        .setCorrection(Correction.CORRECTION_PANZERI_TREVES).setMedian(Double.NaN)
                        .setUnfilteredMedian(0.002).setHasUnfilteredMedian(true)))
                .build();

        List<InformationPoint> points = ApiMapping.informationPoints(List.of(luminance, single, empty));
        InformationPoint rfLuminance = point(points, "I(R;L)", "panzeri-treves");
        assertEquals(0.40, rfLuminance.getMedian());
        assertEquals(0.01, rfLuminance.getUnfilteredMedian());
        assertTrue(rfLuminance.getHasUnfilteredMedian());
        assertEquals(List.of(400, 90, 120, 70), List.of(rfLuminance.getUnits(), rfLuminance.getResponsiveUnits(),
                rfLuminance.getInformativeUnits(), rfLuminance.getIncludedUnits()));
        assertEquals(NotEvaluatedReason.NOT_EVALUATED_REASON_UNSPECIFIED, rfLuminance.getNotEvaluatedReason());
        InformationPoint decoded = point(points, "single-unit separability", "above-chance");
        assertEquals(List.of(64, 70), List.of(decoded.getUnits(), decoded.getIncludedUnits()));
        assertFalse(decoded.getHasUnfilteredMedian(), "decoding draws from the counted units only");
        InformationPoint contrast = point(points, "I(R;C)", "panzeri-treves");
        assertTrue(Double.isNaN(contrast.getMedian()), "no median, not 0");
        assertEquals(0, contrast.getIncludedUnits());
        assertEquals(NotEvaluatedReason.NOT_EVALUATED_REASON_NO_RESPONSIVE_UNIT, contrast.getNotEvaluatedReason());
        assertEquals(0.002, contrast.getUnfilteredMedian());
    }

    @Test
    void informationMediansBecomeTypedPointsWithTheSharedStimulusInformationListedOnce() {
        InformationMedian stimulus = median(InformationQuantity.INFORMATION_QUANTITY_STIMULUS,
                Correction.CORRECTION_PANZERI_TREVES, 0.30, 0.02);
        AnalysisResult luminance = result("luminance-decomposition").setUnits(UnitCounts.newBuilder().setAnalysed(9))
                .setInformation(InformationSummary.newBuilder().addMedians(stimulus)
                        .addMedians(median(InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE,
                                Correction.CORRECTION_PANZERI_TREVES, 0.10, 0.01))
                        .addMedians(median(InformationQuantity.INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE,
                                Correction.CORRECTION_PANZERI_TREVES, 0.66, 0.05)))
                .build();
        AnalysisResult contrast = result("contrast-decomposition").setUnits(UnitCounts.newBuilder().setAnalysed(9))
                .setInformation(InformationSummary.newBuilder().addMedians(stimulus)
                        .addMedians(median(InformationQuantity.INFORMATION_QUANTITY_KEPT_PAIRS,
                                Correction.CORRECTION_NONE, 3, 0)))
                .build();
        AnalysisResult wholeSet = result("mutual-information-object").setUnits(UnitCounts.newBuilder().setAnalysed(40))
                .setInformation(InformationSummary.newBuilder().addMedians(InformationMedian.newBuilder()
                        .setQuantity(InformationQuantity.INFORMATION_QUANTITY_OBJECT)
                        .setCorrection(Correction.CORRECTION_PLUGIN).setMedian(0.5).setQ25(0.25).setQ75(0.75)
                        .setHasQuartiles(true)))
                .build();

        List<InformationPoint> points = ApiMapping.informationPoints(List.of(luminance, contrast, wholeSet));

        // Results in estimator order (contrast, luminance, mutual information), each in its summary's order.
        assertEquals(List.of("I(R;S) panzeri-treves", "I(R;L) panzeri-treves", "f_high(L) panzeri-treves",
                "I(R;object) plugin"), points.stream().map(p -> p.getQuantity() + " " + p.getCorrection()).toList(),
                "I(R;S) once; kept pairs are no point");
        InformationPoint fHigh = point(points, "f_high(L)", "panzeri-treves");
        assertEquals(InformationQuantity.INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE, fHigh.getMeasure().getQuantity());
        assertEquals(0.05, fHigh.getMedianError());
        assertEquals(9, fHigh.getUnits());
        assertTrue(Double.isNaN(fHigh.getQ25()), "a median without quartiles");
        InformationPoint object = point(points, "I(R;object)", "plugin");
        assertEquals(0.25, object.getQ25());
        assertEquals(0.75, object.getQ75());
        assertFalse(object.getHasMedianError());
        assertEquals(40, object.getUnits());
    }

    @Test
    void curvesBecomeOnePointPerScaleAndParametersAreWrittenFromTheTypedFields() {
        EstimatorParameters sampling = EstimatorParameters.newBuilder().setUnitSampling(UnitSampling.newBuilder()
                .setSample(UnitSampleKind.UNIT_SAMPLE_KIND_ALL)).build();
        AnalysisResult twoNn = result("twonn").setAnalysis("intrinsic-dimension")
                .setTwoNn(TwoNnFit.newBuilder().setId(6.5).setHasSubsamples(true).setSubsampleSd(0.3)
                        .setSubsampleMean(6.4).setScale(1.2).setPointsUsed(90).setDuplicatesRemoved(2)).build();
        AnalysisResult gride = result("gride").setAnalysis("intrinsic-dimension")
                .setParameters(sampling.toBuilder().setGride(GrideParameters.newBuilder().setRangeMax(4)))
                .setGride(GrideCurve.newBuilder().setDuplicatesRemoved(2)
                        .addScales(GrideScale.newBuilder().setN1(1).setN2(2).setId(5).setError(0.4).setScale(0.5))
                        .addScales(GrideScale.newBuilder().setN1(2).setN2(4).setId(6).setError(0.3).setScale(0.9)))
                .build();
        AnalysisResult decimation = result("twonn-decimation").setAnalysis("intrinsic-dimension")
                .setDecimation(DecimationCurve.newBuilder().addSteps(DecimationStep.newBuilder().setSize(100)
                        .setSubsets(1).setId(6).setError(0)).addSteps(DecimationStep.newBuilder().setSize(50)
                        .setSubsets(2).setId(6.2).setError(0.1)))
                .build();
        AnalysisResult pcId = result("pc-id").setAnalysis("intrinsic-dimension")
                .setParameters(sampling.toBuilder().setPcId(PcIdParameters.newBuilder().setVarianceThreshold(0.9)
                        .setStandardised(true)))
                .putNotes("points", "condition means")
                .setPcId(PcId.newBuilder().setComponents(7).setDuplicatesRemoved(2)).build();

        List<IdPoint> points = ApiMapping.idPoints(List.of(twoNn, pcId, gride, decimation));

        assertEquals(List.of("gride 5.0", "gride 6.0", "pc-id 7.0", "twonn 6.4", "twonn-decimation 6.0",
                "twonn-decimation 6.2"), points.stream().map(p -> p.getEstimator() + " " + p.getId()).toList());
        IdPoint coarse = points.get(1);
        assertEquals(2, coarse.getN1());
        assertEquals(4, coarse.getN2());
        assertEquals("4", coarse.getParametersOrThrow("n2"));
        assertEquals("4", coarse.getParametersOrThrow("range_max"));
        assertEquals("UNIT_SAMPLE_KIND_ALL", coarse.getParametersOrThrow("unit_sampling.sample"));
        assertEquals(0.3, coarse.getError());
        assertEquals(2, coarse.getDuplicatesRemoved());
        IdPoint pc = points.get(2);
        assertEquals("0.9", pc.getParametersOrThrow("variance_threshold"));
        assertEquals("true", pc.getParametersOrThrow("standardised"));
        assertEquals("condition means", pc.getParametersOrThrow("note.points"));
        assertFalse(pc.getHasError());
        IdPoint fit = points.get(3);
        assertEquals(6.4, fit.getId(), "the subsample mean is the value shown (Ansuini)");
        assertEquals(0.3, fit.getError(), "the SD over subsamples is the error bar");
        assertEquals(6.5, fit.getAllPointsId(), "the fit on all points beside it");
        assertEquals(90, fit.getPointsUsed());
        assertEquals(50, points.get(5).getPointsUsed());
        IdPoint withoutSubsamples = ApiMapping.idPoints(List.of(result("twonn").setAnalysis("intrinsic-dimension")
                .setTwoNn(TwoNnFit.newBuilder().setId(6.5)).build())).get(0);
        assertEquals(6.5, withoutSubsamples.getId(), "without subsamples, the fit");
        assertFalse(withoutSubsamples.getHasError());
        assertEquals(2, points.get(5).getSubsets());
        assertEquals("50", points.get(5).getParametersOrThrow("size"));
    }

    @Test
    void aRunListsEachFailedAnalysisWithItsReasonApart() {
        RunState state = new RunState("r", new MemoryResultBodies());
        state.apply(RunEvent.newBuilder().setRunId("r").setSourceFailed(SourceFailed.newBuilder().setSource(LAYER)
                .setAnalysis("information").setReason("manifest: tensors/a.npy: 3 conditions, 4 expected")).build());

        Run run = ApiMapping.toRun(state);

        assertEquals(List.of(AnalysisFailure.newBuilder().setAnalysis("information")
                .setReason("manifest: tensors/a.npy: 3 conditions, 4 expected").build()),
                run.getSources(0).getFailuresList());
    }

    private static AnalysisResult.Builder result(String estimator) {
        return AnalysisResult.newBuilder().setSource(LAYER).setAnalysis("information").setEstimator(estimator)
                .setResultKey("r/" + estimator);
    }

    private static InformationMedian median(InformationQuantity quantity, Correction correction, double median,
                                            double error) {
        return InformationMedian.newBuilder().setQuantity(quantity).setCorrection(correction).setMedian(median)
                .setMedianError(error).setHasMedianError(true).build();
    }

    private static DecodingValue decoding(DecodingTask task, DecodingLevel level, int size, DecodingMeasure measure,
                                          double value, double error) {
        DecodingValue.Builder decoding = DecodingValue.newBuilder().setTask(task).setLevel(level)
                .setPopulationSize(size).setMeasure(measure).setValue(value);
        if (!Double.isNaN(error)) {
            decoding.setError(error).setHasError(true);
        }
        return decoding.build();
    }

    private static InformationPoint point(List<InformationPoint> points, String quantity, String correction) {
        return points.stream().filter(p -> p.getQuantity().equals(quantity) && p.getCorrection().equals(correction))
                .findFirst().orElseThrow(() -> new AssertionError(quantity + "/" + correction + " in " + points));
    }
}
