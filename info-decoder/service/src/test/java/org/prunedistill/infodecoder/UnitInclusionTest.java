package org.prunedistill.infodecoder;

import org.prunedistill.info.analysis.InformationAnalysis;
import org.prunedistill.info.analysis.StepTimer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.analysis.messaging.EstimatorTimer;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.DecodingLevel;
import org.prunedistill.events.v1.DecodingValue;
import org.prunedistill.events.v1.InformationMedian;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.NotEvaluatedReason;
import org.prunedistill.events.v1.ObjectPair;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.UnitCounts;
import org.prunedistill.info.ConditionFeatures;
import org.prunedistill.info.ConditionResponses;
import org.prunedistill.info.FeatureDecomposition;
import org.prunedistill.info.FeatureInformation;
import org.prunedistill.info.analysis.domain.ColumnLabels;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.info.analysis.domain.PerUnitTable;
import org.prunedistill.infodecoder.mapping.DecodingResultMapping;
import org.prunedistill.infodecoder.mapping.InformationResultMapping;
import org.prunedistill.infodecoder.mapping.PerUnitResultMapping;
import org.prunedistill.infodecoder.mapping.TabledResult;

/** Which units count (SCIENCE.md 4.7) and the population's pairs (SCIENCE.md 5), on planted sources. */
class UnitInclusionTest {

    /** A unit that carries exactly one bit: it tells objects 0-1 from objects 2-3, noiselessly. */
    private static final InclusionSource.Response ONE_BIT = (c, t, random) -> InclusionSource.object(c) >= 2 ? 1 : 0;
    private static final InclusionSource.Response CONSTANT = (c, t, random) -> 0;
    private static final InclusionSource.Response NOISE = (c, t, random) -> 1 + random.nextGaussian();
    /** Planted I(R;S) of {@link #ONE_BIT} (plug-in: H(R) = 1 bit, H(R|S) = 0). */
    private static final double PLANTED_BITS = 1.0;
    /** Decomposition terms recomputed independently agree to rounding. */
    private static final double SAME_COMPUTATION = 1e-12;

    @Test
    void theIncludedMediansFindThePlantedInformationWhileTheUnfilteredOnesStayWithTheBackground() {
        InclusionSource source = new InclusionSource();
        for (int i = 0; i < 20; i++) {
            // Half the units see only background: coverage 0, constant or noise.
            source.add(i % 2 == 0 ? CONSTANT : NOISE, InclusionSource.everywhere(0));
            source.add(ONE_BIT, InclusionSource.everywhere(0.5));
        }
        List<TabledResult> results = analyse(source, TestSettings.defaults());

        TabledResult luminance = result(results, PerUnitResultMapping.LUMINANCE_DECOMPOSITION);
        UnitCounts counts = luminance.result().getUnits();
        assertEquals(40, counts.getAnalysed());
        assertEquals(20, counts.getResponsive(), "the object units, and only they, see the object");
        assertEquals(20, counts.getIncluded());
        assertTrue(counts.getInformative() >= 20, counts.toString());
        assertEquals(NotEvaluatedReason.NOT_EVALUATED_REASON_UNSPECIFIED, counts.getNotEvaluatedReason());

        InformationMedian stimulus = median(luminance, InformationQuantity.INFORMATION_QUANTITY_STIMULUS,
                Correction.CORRECTION_PLUGIN);
        assertEquals(PLANTED_BITS, stimulus.getMedian(), SAME_COMPUTATION, stimulus.toString());
        assertEquals(0.0, stimulus.getMedianError(), SAME_COMPUTATION, "every included unit has the planted value");
        double[] everyUnit = luminance.table().column(ColumnLabels.stimulus(ColumnLabels.PLUGIN));
        assertTrue(stimulus.getHasUnfilteredMedian());
        assertEquals(median(everyUnit), stimulus.getUnfilteredMedian(), SAME_COMPUTATION,
                "the unfiltered median is the mixture's");
        assertTrue(stimulus.getUnfilteredMedian() < 0.75 * PLANTED_BITS, stimulus.toString());

        // The planted unit's response is fixed by its object, so within an object it carries nothing about the RF
        // luminance: I(R;L|O) is exactly 0 (plug-in), whatever I(R;L) says.
        InformationMedian withinObject = median(luminance,
                InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE_GIVEN_OBJECT, Correction.CORRECTION_PLUGIN);
        assertEquals(0.0, withinObject.getMedian(), SAME_COMPUTATION, withinObject.toString());
        assertTrue(median(luminance, InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE_GIVEN_OBJECT,
                Correction.CORRECTION_PANZERI_TREVES).getHasMedianError(), "the corrected median is served too");

        PerUnitTable table = luminance.table();
        for (int row = 0; row < 40; row++) {
            boolean seesTheObject = row % 2 == 1;
            assertEquals(seesTheObject ? 1 : 0, table.column(ColumnLabels.RESPONSIVE)[row], "row " + row);
            assertEquals(seesTheObject ? 1 : 0, table.column(ColumnLabels.INCLUDED)[row], "row " + row);
            assertEquals(seesTheObject ? 0.5 : 0.0, table.column(ColumnLabels.MAX_OBJECT_COVERAGE)[row], 1e-7);
        }

        InformationMedian object = median(result(results, InformationResultMapping.OBJECT_INFORMATION),
                InformationQuantity.INFORMATION_QUANTITY_OBJECT, Correction.CORRECTION_PLUGIN);
        assertEquals(PLANTED_BITS, object.getMedian(), SAME_COMPUTATION, "whole set, included units");
        assertTrue(object.getUnfilteredMedian() < 0.75 * PLANTED_BITS, object.toString());

        TabledResult single = result(results, DecodingResultMapping.SINGLE_UNIT);
        assertTrue(Arrays.stream(single.table().column(ColumnLabels.UNIT)).allMatch(unit -> unit % 2 == 1),
                "single units are drawn from the included ones");
        assertEquals(20, result(results, DecodingResultMapping.POPULATION).result().getUnits().getAnalysed(),
                "the pool holds the included units");

        InformationMedian unfiltered = median(result(analyse(source, TestSettings.with("unit-filter=all")), PerUnitResultMapping.LUMINANCE_DECOMPOSITION),
                InformationQuantity.INFORMATION_QUANTITY_STIMULUS, Correction.CORRECTION_PLUGIN);
        assertEquals(stimulus.getUnfilteredMedian(), unfiltered.getMedian(), SAME_COMPUTATION,
                "with unit-filter=all the median is the unfiltered one");
    }

    @Test
    void aSourceWhereNoUnitSeesTheObjectGivesNoMedianAndSaysWhy() {
        InclusionSource source = new InclusionSource();
        for (int i = 0; i < 12; i++) {
            source.add(i % 2 == 0 ? CONSTANT : ONE_BIT, InclusionSource.everywhere(0.05));
        }
        List<TabledResult> results = analyse(source, TestSettings.defaults());
        assertEquals(8, results.size());
        for (TabledResult tabled : results) {
            AnalysisResult result = tabled.result();
            assertEquals(0, result.getUnits().getIncluded(), result.getEstimator());
            assertEquals(0, result.getUnits().getResponsive(), result.getEstimator());
            assertEquals(NotEvaluatedReason.NOT_EVALUATED_REASON_NO_RESPONSIVE_UNIT,
                    result.getUnits().getNotEvaluatedReason(), result.getEstimator());
            for (InformationMedian median : result.getInformation().getMediansList()) {
                assertTrue(Double.isNaN(median.getMedian()), "undefined, never 0: " + median);
                assertFalse(median.getHasMedianError(), median.toString());
                // No view is covered, so no unit has a contrast result, even unfiltered.
                boolean contrast = result.getEstimator().equals(PerUnitResultMapping.CONTRAST_DECOMPOSITION);
                assertEquals(!contrast, median.getHasUnfilteredMedian(), median.toString());
            }
        }
        TabledResult single = result(results, DecodingResultMapping.SINGLE_UNIT);
        assertEquals(0, single.result().getUnits().getAnalysed());
        for (DecodingValue value : single.result().getDecoding().getValuesList()) {
            assertTrue(Double.isNaN(value.getValue()), value.toString());
        }
        assertEquals(0, result(results, DecodingResultMapping.POPULATION).table().rows());
    }

    @Test
    void theContrastDecompositionUsesOnlyCoveredViewsAndNeedsTwoOfEachObject() {
        InclusionSource source = new InclusionSource();
        InclusionSource.Response contrastUnit = (c, t, random) -> source.conditions.get(c).contrast() / 10
                + 0.5 * random.nextGaussian();
        float[] firstHalf = new float[InclusionSource.CONDITIONS];
        float[] oneViewOfObjectZero = InclusionSource.everywhere(0.5);
        float[] twoViewsAtTheThreshold = new float[InclusionSource.CONDITIONS];
        for (int c = 0; c < InclusionSource.CONDITIONS; c++) {
            int view = InclusionSource.view(c);
            firstHalf[c] = view < 5 ? 0.5f : 0.05f;
            if (InclusionSource.object(c) == 0 && view > 0) {
                oneViewOfObjectZero[c] = 0.09f;
            }
            twoViewsAtTheThreshold[c] = view < 2 ? 0.10f : 0f;
        }
        int half = source.add(contrastUnit, firstHalf);
        int oneView = source.add(contrastUnit, oneViewOfObjectZero);
        int atThreshold = source.add(contrastUnit, twoViewsAtTheThreshold);
        SourceTensor tensor = source.tensor(3);
        List<TabledResult> results = analyse(source, tensor, TestSettings.with("unit-filter=all"));
        TabledResult contrast = result(results, PerUnitResultMapping.CONTRAST_DECOMPOSITION);
        PerUnitTable table = contrast.table();

        assertEquals(20, table.column(ColumnLabels.COVERED_CONDITIONS)[half], 0);
        assertEquals(31, table.column(ColumnLabels.COVERED_CONDITIONS)[oneView], 0);
        assertEquals(8, table.column(ColumnLabels.COVERED_CONDITIONS)[atThreshold], 0, "0.10 itself counts");
        for (String column : List.of(ColumnLabels.stimulus("C", ColumnLabels.PLUGIN),
                ColumnLabels.feature("C", ColumnLabels.CORRECTED), ColumnLabels.highLevelFraction("C"))) {
            assertTrue(Double.isNaN(table.column(column)[oneView]), "one covered view of object 0: undefined");
            assertFalse(Double.isNaN(table.column(column)[half]), column);
        }
        assertFalse(Double.isNaN(table.column(ColumnLabels.feature("L", ColumnLabels.PLUGIN))[oneView]),
                "the luminance decomposition keeps every view");
        InformationMedian feature = median(contrast, InformationQuantity.INFORMATION_QUANTITY_RF_CONTRAST,
                Correction.CORRECTION_PANZERI_TREVES);
        assertEquals(1, feature.getUndefinedUnits(), "counted, not zero: " + feature);

        // The covered half of the views, decomposed directly, gives the same terms.
        boolean[] covered = new boolean[InclusionSource.CONDITIONS];
        for (int c = 0; c < covered.length; c++) {
            covered[c] = InclusionSource.view(c) < 5;
        }
        double[] responses = tensor.unitResponses(half,
                new double[InclusionSource.CONDITIONS * InclusionSource.TRIALS]);
        ConditionResponses coveredResponses = ConditionResponses.ofConditionMajor(responses,
                InclusionSource.CONDITIONS, InclusionSource.TRIALS).subset(covered);
        int[] objects = new int[20];
        double[] contrasts = new double[20];
        int next = 0;
        for (int c = 0; c < covered.length; c++) {
            if (covered[c]) {
                objects[next] = InclusionSource.object(c);
                contrasts[next++] = source.conditions.get(c).contrast();
            }
        }
        FeatureInformation direct = FeatureDecomposition.withDefaults().withFeatureBins(20)
                .contrast(coveredResponses, new ConditionFeatures(objects, new double[20], contrasts));
        assertEquals(direct.stimulus().pluginBits(),
                table.column(ColumnLabels.stimulus("C", ColumnLabels.PLUGIN))[half], SAME_COMPUTATION);
        assertEquals(direct.feature().panzeriTrevesBits(),
                table.column(ColumnLabels.feature("C", ColumnLabels.CORRECTED))[half], SAME_COMPUTATION);
        assertEquals(direct.highLevelFraction(), table.column(ColumnLabels.highLevelFraction("C"))[half],
                SAME_COMPUTATION);
    }

    @Test
    void thePopulationSkipsAPairOneOfItsUnitsCanTellApartByLuminance() {
        InclusionSource source = new InclusionSource();
        InclusionSource.Response tuned = (c, t, random) -> InclusionSource.object(c) + 0.3 * random.nextGaussian();
        int dimmed = -1;
        for (int i = 0; i < 6; i++) {
            source.add(NOISE, InclusionSource.everywhere(0));
            dimmed = source.add(tuned, InclusionSource.everywhere(0.5));
        }
        // For one pool unit object 0 is half as bright as the others: every pair with object 0 fails Th = 0.8.
        source.dim(dimmed, 0, 0.5);
        TabledResult population = result(analyse(source, TestSettings.defaults()), DecodingResultMapping.POPULATION);
        AnalysisResult result = population.result();
        assertEquals(6, result.getUnits().getAnalysed(), "the six included units; sizes 6: every pseudo-population "
                + "holds the dimmed unit");
        assertEquals(0.8, result.getParameters().getPopulationDecoding().getLuminanceRatioThreshold(), 0);
        assertFalse(result.getDecoding().getPairsList().isEmpty());
        for (ObjectPair pair : result.getDecoding().getPairsList()) {
            assertTrue(pair.getObjectA() != 0 && pair.getObjectB() != 0, "a pair failing Th: " + pair);
        }
        for (DecodingValue value : result.getDecoding().getValuesList()) {
            assertEquals(DecodingLevel.DECODING_LEVEL_POPULATION, value.getLevel());
            assertEquals(3, value.getResamplings(), value.toString());
            assertEquals(0, value.getResamplingsWithoutPair(), value.toString());
            assertFalse(Double.isNaN(value.getValue()), value.toString());
        }

        AnalysisResult lenient = result(analyse(source, TestSettings.with(
                "decoding.population-luminance-ratio-threshold=0.4")), DecodingResultMapping.POPULATION).result();
        assertEquals(0.4, lenient.getParameters().getPopulationDecoding().getLuminanceRatioThreshold(), 0);
        assertTrue(lenient.getDecoding().getPairsList().stream().anyMatch(pair -> pair.getObjectA() == 0),
                "a ratio of 0.5 passes 0.4: " + lenient.getDecoding().getPairsList());
    }

    private static List<TabledResult> analyse(InclusionSource source, InformationSettings config) {
        return analyse(source, source.tensor(7), config);
    }

    private static List<TabledResult> analyse(InclusionSource source, SourceTensor tensor, InformationSettings config) {
        InformationAnalysis analysis = new InformationAnalysis(config, StepTimer.NONE);
        SourceManifest manifest = SourceManifest.newBuilder().setSource(SourceRef.newBuilder().setRunId("inclusion")
                .setKind(SourceKind.SOURCE_KIND_LAYER).setName("pool1").setOrigin("test")).build();
        return InformationResultMapping.toResults(manifest, analysis.analyse(tensor, source.conditions,
                source.fields()));
    }

    private static TabledResult result(List<TabledResult> results, String estimator) {
        return results.stream().filter(result -> result.result().getEstimator().equals(estimator)).findFirst()
                .orElseThrow();
    }

    private static InformationMedian median(TabledResult result, InformationQuantity quantity,
            Correction correction) {
        return result.result().getInformation().getMediansList().stream()
                .filter(median -> median.getQuantity() == quantity && median.getCorrection() == correction)
                .findFirst().orElseThrow();
    }

    /** numpy's median of the defined values, computed here independently of the service. */
    private static double median(double[] values) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
