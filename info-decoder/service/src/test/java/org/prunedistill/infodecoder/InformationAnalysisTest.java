package org.prunedistill.infodecoder;

import org.prunedistill.info.analysis.InformationAnalysis;
import org.prunedistill.info.analysis.domain.ColumnLabels;
import org.prunedistill.infodecoder.config.InformationAnalysisProducer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.analysis.messaging.EstimatorTimer;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectKeys;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.claimcheck.stimuli.ConditionTable;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.DecodingMeasure;
import org.prunedistill.events.v1.DecodingTask;
import org.prunedistill.events.v1.DecodingValue;
import org.prunedistill.events.v1.InformationMedian;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.PerUnitColumn;
import org.prunedistill.events.v1.SingleUnitDecodingParameters;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.UnitFeatures;
import org.prunedistill.events.v1.UnitSampleKind;
import org.prunedistill.events.v1.UnitViews;
import org.prunedistill.events.v1.ValueUnit;
import org.prunedistill.events.v1.ViewRule;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.info.analysis.domain.ReceptiveFields;
import org.prunedistill.infodecoder.mapping.DecodingResultMapping;
import org.prunedistill.infodecoder.mapping.InformationResultMapping;
import org.prunedistill.infodecoder.mapping.PerUnitResultMapping;
import org.prunedistill.infodecoder.messaging.InformationSourceAnalysis;
import org.prunedistill.infodecoder.storage.UnitFeaturesReader;
import org.prunedistill.messaging.SourceKeys;

/** The use case on a planted source, against an in-process S3 server holding the claim checks. */
class InformationAnalysisTest {

    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    private static final double HIGH_FRACTION = 0.7;
    private static final double LOW_FRACTION = 0.3;
    private static final int VIEWS_PER_UNIT = PlantedSource.OBJECTS * 23;

    @TempDir
    static Path storage;
    private static EmbeddedS3 s3;
    private static ObjectStore store;
    private static final PlantedSource SOURCE = new PlantedSource(11);

    @BeforeAll
    static void startStore() throws Exception {
        s3 = EmbeddedS3.start(storage, 0);
        store = ObjectStore.connect(new StoreSettings(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY,
                "info-test", EmbeddedS3.REGION));
        store.ensureBucket();
    }

    @AfterAll
    static void stopStore() throws Exception {
        s3.close();
    }

    @Test
    void separatesALuminanceUnitFromAnObjectUnitWithTheirReceptiveFields() {
        List<AnalysisResult> results = analyse(manifest(true), TestSettings.defaults());
        assertEquals(8, results.size());
        assertEquals(List.of(InformationQuantity.INFORMATION_QUANTITY_OBJECT,
                InformationQuantity.INFORMATION_QUANTITY_LUMINANCE), results.subList(0, 2).stream()
                .map(result -> result.getInformation().getMedians(0).getQuantity()).toList());
        assertEquals(List.of(InformationResultMapping.OBJECT_INFORMATION,
                InformationResultMapping.LUMINANCE_INFORMATION), results.subList(0, 2).stream()
                .map(AnalysisResult::getEstimator).toList());

        AnalysisResult luminance = result(results, PerUnitResultMapping.LUMINANCE_DECOMPOSITION);
        UnitViews views = luminance.getParameters().getDecomposition().getViews();
        assertEquals("input-window", views.getRfMap());
        assertEquals(VIEWS_PER_UNIT, views.getMinConditionsPerUnit());
        assertEquals(VIEWS_PER_UNIT, views.getMaxConditionsPerUnit());
        float[][] table = perUnit(luminance);
        int stimulus = column(luminance, "I(R;S).pt");
        int feature = column(luminance, "I(R;L).pt");
        int fraction = column(luminance, "f_high(L)");
        float[] luminanceUnit = table[PlantedSource.LUMINANCE_UNIT];
        assertTrue(luminanceUnit[feature] > 0.8 * luminanceUnit[stimulus], row(luminance, luminanceUnit));
        assertTrue(luminanceUnit[fraction] < LOW_FRACTION, row(luminance, luminanceUnit));
        float[] objectUnit = table[PlantedSource.OBJECT_UNIT];
        assertTrue(objectUnit[fraction] > HIGH_FRACTION, row(luminance, objectUnit));
        assertTrue(objectUnit[feature] < luminanceUnit[feature], row(luminance, objectUnit));
        InformationMedian median = median(luminance, InformationQuantity.INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE);
        assertTrue(median.getHasMedianError() && median.getMedianError() >= 0, median.toString());
        assertEquals(ValueUnit.VALUE_UNIT_FRACTION, median.getUnit());

        AnalysisResult invariant = result(results, PerUnitResultMapping.INVARIANT_INFORMATION);
        float[][] pairs = perUnit(invariant);
        int invariantFraction = column(invariant, "I(R;O)/I(R;S)");
        assertTrue(pairs[PlantedSource.OBJECT_UNIT][invariantFraction] > HIGH_FRACTION,
                row(invariant, pairs[PlantedSource.OBJECT_UNIT]));
        assertTrue(pairs[PlantedSource.LUMINANCE_UNIT][invariantFraction] < LOW_FRACTION,
                row(invariant, pairs[PlantedSource.LUMINANCE_UNIT]));

        AnalysisResult significance = result(results, PerUnitResultMapping.SIGNIFICANCE);
        assertEquals(20, significance.getParameters().getSignificance().getPermutations());
        float[][] tests = perUnit(significance);
        int p = column(significance, "p_value");
        assertEquals(1.0 / 21, tests[PlantedSource.LUMINANCE_UNIT][p], 1e-6);
        assertEquals(1.0 / 21, tests[PlantedSource.OBJECT_UNIT][p], 1e-6);
    }

    @Test
    void everyResultRoundTripsThroughTheWireAndItsKeyComesFromItsParametersAlone() throws Exception {
        List<AnalysisResult> results = analyse(manifest(true), TestSettings.defaults());
        for (AnalysisResult result : results) {
            assertEquals(result, AnalysisResult.parseFrom(result.toByteArray()), result.getEstimator());
            assertTrue(result.getSummaryCase() != AnalysisResult.SummaryCase.SUMMARY_NOT_SET, result.getEstimator());
            AnalysisResult reworded = result.toBuilder().clearNotes().putNotes("view_tie_rule", "ties go left")
                    .setPerUnitTable(result.getPerUnitTable().toBuilder().setColumns(0, result.getPerUnitTable()
                            .getColumns(0).toBuilder().setLabel("renamed")))
                    .build();
            assertEquals(result.getResultKey(), SourceKeys.resultKey(reworded.getSource(), reworded.getAnalysis(),
                    reworded.getEstimator(), reworded.getParameters()), "notes and labels are not in the key");
        }
        assertEquals(results.stream().map(AnalysisResult::getResultKey).toList(),
                analyse(manifest(true), TestSettings.defaults()).stream().map(AnalysisResult::getResultKey).toList(),
                "a replay with the same settings lands on the same keys");
        List<String> otherBins = analyse(manifest(true), TestSettings.with("luminance-bins=5")).stream()
                .map(AnalysisResult::getResultKey).toList();
        for (int i = 0; i < results.size(); i++) {
            boolean luminance = results.get(i).getEstimator().equals(InformationResultMapping.LUMINANCE_INFORMATION);
            assertEquals(!luminance, results.get(i).getResultKey().equals(otherBins.get(i)),
                    "only I(R;luminance) depends on the luminance bins: " + results.get(i).getEstimator());
        }
        List<String> otherPermutations = analyse(manifest(true), TestSettings.with("permutations=30"))
                .stream().map(AnalysisResult::getResultKey).toList();
        for (int i = 0; i < results.size(); i++) {
            assertTrue(!results.get(i).getResultKey().equals(otherPermutations.get(i)),
                    "which units are informative, so every result, depends on the permutations: "
                            + results.get(i).getEstimator());
        }
    }

    @Test
    void refusesPermutationsThatCanNeverMakeAUnitInformativeUnlessEveryUnitCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> analyse(manifest(true), TestSettings.with("permutations=10")));
        assertEquals("pd.info.permutations = 10 cannot reach a p-value below pd.info.significance-level = 0.05 (the "
                + "smallest is 1/11), so no unit could be informative; raise the permutations or set "
                + "pd.info.unit-filter=all", e.getMessage());
        assertEquals(8, analyse(manifest(true), TestSettings.with("permutations=10",
                "unit-filter=all")).size());
    }

    @Test
    void fallsBackToTheWholeImageWithoutUnitFeatures() {
        List<AnalysisResult> results = analyse(manifest(false), TestSettings.defaults());
        AnalysisResult luminance = result(results, PerUnitResultMapping.LUMINANCE_DECOMPOSITION);
        UnitViews views = luminance.getParameters().getDecomposition().getViews();
        assertEquals("whole-image", views.getRfMap());
        assertEquals(1, views.getRfPositions());
        assertEquals(VIEWS_PER_UNIT, views.getMaxConditionsPerUnit());
        float[][] table = perUnit(luminance);
        int fraction = column(luminance, "f_high(L)");
        float[] wholeImageUnit = table[PlantedSource.WHOLE_IMAGE_UNIT];
        assertTrue(wholeImageUnit[fraction] < LOW_FRACTION, row(luminance, wholeImageUnit));
        float[] rfUnit = table[PlantedSource.LUMINANCE_UNIT];
        assertTrue(rfUnit[fraction] > HIGH_FRACTION, "its own RF luminance is unknown now: " + row(luminance, rfUnit));
    }

    @Test
    void aNonFiniteReceptiveFieldValueIsRefusedNamingTableAndIndex() {
        SourceManifest good = manifest(true);
        float[] luminance = SOURCE.rfLuminance.clone();
        luminance[7] = Float.NaN;
        SourceManifest bad = good.toBuilder().setUnitFeatures(good.getUnitFeatures().toBuilder()
                .setRfLuminance(store.putTensor(FloatTensor.ofFloats(luminance, PlantedSource.POSITIONS,
                        PlantedSource.CONDITIONS)))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnitFeaturesReader.read(bad, SOURCE.conditions, store));
        assertEquals("unit_features rf_luminance holds NaN at flat index 7", e.getMessage());
    }

    @Test
    void readsTheObjectCoverageOfEveryPositionAndLeavesItUnknownWithoutOne() {
        float[] coverage = new float[PlantedSource.POSITIONS * PlantedSource.CONDITIONS];
        coverage[PlantedSource.CONDITIONS + 5] = 0.25f;
        coverage[2 * PlantedSource.CONDITIONS - 1] = 1f;
        ReceptiveFields fields = UnitFeaturesReader.read(withCoverage(coverage, PlantedSource.POSITIONS,
                PlantedSource.CONDITIONS), SOURCE.conditions, store);
        assertTrue(fields.hasCoverage());
        assertEquals(0.25, fields.coverageAt(1)[5], 0);
        assertEquals(1.0, fields.coverageAt(1)[PlantedSource.CONDITIONS - 1], 0);
        assertEquals(0.0, fields.coverageAt(2)[5], 0);
        assertFalse(UnitFeaturesReader.read(manifest(true), SOURCE.conditions, store).hasCoverage(),
                "unset: unknown");
        assertFalse(UnitFeaturesReader.read(manifest(false), SOURCE.conditions, store).hasCoverage(),
                "the whole-image fallback: unknown");
    }

    @Test
    void refusesACoverageOfTheWrongShapeOrOutsideZeroToOneNamingKeyAndIndex() {
        int p = PlantedSource.POSITIONS;
        int c = PlantedSource.CONDITIONS;
        SourceManifest shape = withCoverage(new float[p * (c - 1)], p, c - 1);
        assertEquals("unit_features rf_coverage (" + shape.getUnitFeatures().getRfCoverage().getKey()
                + ") has shape [3, 151], expected [3, 152]", assertThrows(IllegalArgumentException.class,
                        () -> UnitFeaturesReader.read(shape, SOURCE.conditions, store)).getMessage());
        float[] above = new float[p * c];
        above[7] = 1.5f;
        SourceManifest tooLarge = withCoverage(above, p, c);
        assertEquals("unit_features rf_coverage (" + tooLarge.getUnitFeatures().getRfCoverage().getKey()
                + ") holds 1.5 at flat index 7, outside [0, 1]", assertThrows(IllegalArgumentException.class,
                        () -> UnitFeaturesReader.read(tooLarge, SOURCE.conditions, store)).getMessage());
        float[] negative = new float[p * c];
        negative[c + 2] = -0.01f;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UnitFeaturesReader.read(withCoverage(negative,
                p, c), SOURCE.conditions, store)).getMessage().contains("holds -0.01 at flat index 154, outside"));
        float[] undefined = new float[p * c];
        undefined[9] = Float.NaN;
        assertEquals("unit_features rf_coverage holds NaN at flat index 9", assertThrows(
                IllegalArgumentException.class, () -> UnitFeaturesReader.read(withCoverage(undefined, p, c),
                        SOURCE.conditions, store)).getMessage());
    }

    private static SourceManifest withCoverage(float[] coverage, int positions, int conditions) {
        SourceManifest good = manifest(true);
        return good.toBuilder().setUnitFeatures(good.getUnitFeatures().toBuilder()
                .setRfCoverage(store.putTensor(FloatTensor.ofFloats(coverage, positions, conditions)))).build();
    }

    @Test
    void analysesASeededSubsetOfUnitsAndRecordsIt() {
        List<AnalysisResult> results = analyse(manifest(true), TestSettings.with("max-units=2"));
        AnalysisResult contrast = result(results, PerUnitResultMapping.CONTRAST_DECOMPOSITION);
        assertEquals(2, contrast.getParameters().getUnitSampling().getMaxUnits());
        assertEquals(UnitSampleKind.UNIT_SAMPLE_KIND_SEEDED_SUBSET,
                contrast.getParameters().getUnitSampling().getSample());
        assertEquals(2, contrast.getUnits().getAnalysed());
        assertEquals(4, contrast.getUnits().getInSource());
        float[][] table = perUnit(contrast);
        assertTrue(table[0][0] < table[1][0], "units in order");
        assertEquals(results.stream().map(AnalysisResult::getResultKey).distinct().count(), results.size());
        AnalysisResult objects = results.get(0);
        assertEquals(PlantedSource.UNITS, objects.getUnits().getAnalysed(), "whole-set results: all");
    }

    @Test
    void saysEachStepInTurnAndHowManyUnitsOfItAreDone() {
        List<String> reports = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        InformationAnalysis analysis = new InformationAnalysis(TestSettings.with("parallelism=2"),
                InformationAnalysisProducer.timed(EstimatorTimer.on(REGISTRY)));
        InformationSourceAnalysis.of(analysis, store).analyse(manifest(true), SOURCE.tensor,
                (step, done, total) -> reports.add(step + " " + done + "/" + total));
        List<String> steps = reports.stream().map(report -> report.substring(0, report.lastIndexOf(' '))).distinct()
                .toList();
        assertEquals(List.of("whole-set information", "per-unit information", "medians and their bootstrap errors",
                "single-unit decoding", "population decoding"), steps, reports.toString());
        int units = PlantedSource.UNITS;
        assertEquals(List.of("whole-set information 0/" + units, "whole-set information " + units + "/" + units),
                reports.stream().filter(report -> report.startsWith("whole-set")).toList());
        assertEquals(List.of("per-unit information 0/" + units, "per-unit information " + units + "/" + units),
                reports.stream().filter(report -> report.startsWith("per-unit")).toList());
        String singleUnits = reports.stream().filter(report -> report.startsWith("single-unit")).reduce((a, b) -> b)
                .orElseThrow();
        String[] counts = singleUnits.substring(singleUnits.lastIndexOf(' ') + 1).split("/");
        assertTrue(Integer.parseInt(counts[1]) > 0 && counts[0].equals(counts[1]), "all counted: " + singleUnits);
        // four units make no pseudo-population of any size decoded: nothing to count
        assertEquals("population decoding 0/0", reports.get(reports.size() - 1));
    }

    @Test
    void givesTheSameNumbersOnOneThreadAndOnSeveral() {
        SourceManifest manifest = manifest(true);
        List<AnalysisResult> serial = analyse(manifest, TestSettings.with("parallelism=1"));
        List<AnalysisResult> parallel = analyse(manifest, TestSettings.with("parallelism=3"));
        for (int i = 0; i < serial.size(); i++) {
            assertEquals(serial.get(i).getPerUnitTable(), parallel.get(i).getPerUnitTable(),
                    serial.get(i).getEstimator());
            assertEquals(serial.get(i).getInformation(), parallel.get(i).getInformation());
            assertEquals(serial.get(i).getSignificance(), parallel.get(i).getSignificance());
            assertEquals(serial.get(i).getDecoding(), parallel.get(i).getDecoding());
            assertEquals(serial.get(i).getResultKey(), parallel.get(i).getResultKey());
        }
    }

    @Test
    void equallyBrightConditionsLeaveLuminanceInformationUndefinedAndTheSourceAnalysed() {
        // A recording whose condition table gives every condition the same luminance: nothing to bin.
        List<StimulusCondition> conditions = new java.util.ArrayList<>();
        for (int c = 0; c < 6; c++) {
            conditions.add(new StimulusCondition(c, c % 2, "o", "position", 0, 50, 10));
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        float[] data = new float[6 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble();
        }
        SourceManifest manifest = SourceManifest.newBuilder()
                .setSource(SourceRef.newBuilder().setRunId("flat").setKind(SourceKind.SOURCE_KIND_AREA)
                        .setName("V1").setOrigin("test"))
                .setStimulusMetadata(store.putDocument(ConditionTable.toJson(conditions))).build();
        List<AnalysisResult> results = analyse(manifest, TestSettings.with("unit-filter=all"),
                new SourceTensor(6, 3, 4, data));
        AnalysisResult luminance = results.stream().filter(r -> r.getInformation().getMediansList().stream()
                .anyMatch(m -> m.getQuantity() == InformationQuantity.INFORMATION_QUANTITY_LUMINANCE)).findFirst()
                .orElseThrow();
        assertTrue(luminance.getInformation().getMediansList().stream()
                .filter(m -> m.getQuantity() == InformationQuantity.INFORMATION_QUANTITY_LUMINANCE)
                .allMatch(m -> Double.isNaN(m.getMedian())), luminance.toString());
        AnalysisResult object = results.stream().filter(r -> r.getInformation().getMediansList().stream()
                .anyMatch(m -> m.getQuantity() == InformationQuantity.INFORMATION_QUANTITY_OBJECT)).findFirst()
                .orElseThrow();
        assertTrue(object.getInformation().getMediansList().stream()
                .filter(m -> m.getQuantity() == InformationQuantity.INFORMATION_QUANTITY_OBJECT)
                .allMatch(m -> Double.isFinite(m.getMedian())), "object information is still measured");
    }

    @Test
    void usesEveryConditionOfASmallSetWithoutDefaultPositions() {
        // The system tests' crafted source: 40 conditions of 4 objects, 3 trials, constant contrast, no group azimuth.
        List<StimulusCondition> conditions = new java.util.ArrayList<>();
        for (int c = 0; c < 40; c++) {
            conditions.add(new StimulusCondition(c, c % 4, "object-" + c % 4, "luminance", c, 100.0 * c / 40, 10));
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        float[] data = new float[40 * 3 * 6];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        SourceManifest manifest = SourceManifest.newBuilder()
                .setSource(SourceRef.newBuilder().setRunId("crafted").setKind(SourceKind.SOURCE_KIND_AREA)
                        .setName("V1").setOrigin("test"))
                .setStimulusMetadata(store.putDocument(ConditionTable.toJson(conditions))).build();
        // Noise units: every unit counts here, so that the decoding has units to work on.
        List<AnalysisResult> results = analyse(manifest, TestSettings.with("unit-filter=all"),
                new SourceTensor(40, 3, 6, data));
        AnalysisResult contrast = result(results, PerUnitResultMapping.CONTRAST_DECOMPOSITION);
        UnitViews views = contrast.getParameters().getDecomposition().getViews();
        assertEquals(ViewRule.VIEW_RULE_ALL_CONDITIONS, views.getRule());
        assertEquals(40, views.getMinConditionsPerUnit());
        assertEquals(40, views.getMaxConditionsPerUnit());
        AnalysisResult population = result(results, DecodingResultMapping.POPULATION);
        assertEquals(3, population.getDecoding().getFolds(), "3 trials: 3 folds, not 5");
        assertEquals(5, population.getParameters().getPopulationDecoding().getFolds(), "as asked");
        assertEquals(1, perUnit(population).length, "6 units: one pseudo-population size");
        int fraction = column(contrast, "f_high(C)");
        for (float[] unit : perUnit(contrast)) {
            assertTrue(Float.isNaN(unit[fraction]) || unit[fraction] == 1f, "constant contrast explains nothing");
        }
    }

    @Test
    void aUnitTunedToObjectsDecodesThemAndANoiseUnitDecodesAtChance() {
        List<AnalysisResult> results = analyse(manifest(true), TestSettings.with("unit-filter=all"));
        AnalysisResult single = result(results, DecodingResultMapping.SINGLE_UNIT);
        float[][] units = perUnit(single);
        assertEquals(PlantedSource.UNITS, units.length, "fewer units than the sample: every unit");
        int pairs = column(single, ColumnLabels.DECODED_PAIRS);
        int separability = column(single, ColumnLabels.SINGLE_UNIT_SEPARABILITY + ColumnLabels.ABOVE_CHANCE);
        int generalisation = column(single, ColumnLabels.SINGLE_UNIT_GENERALISATION + ColumnLabels.ABOVE_CHANCE);
        int correct = column(single, ColumnLabels.SINGLE_UNIT_GENERALISATION + ColumnLabels.PERCENT_CORRECT);
        float[] object = units[PlantedSource.OBJECT_UNIT];
        float[] noise = units[PlantedSource.NOISE_UNIT];
        assertEquals(3f, object[pairs], "every pair passes the threshold (equal mean luminance); 3 are decoded");
        // 30 response units between objects against noise of SD 1: every trial is decoded right, 1 bit.
        assertTrue(object[separability] > 0.9 && object[generalisation] > 0.9, row(single, object));
        assertEquals(100f, object[correct], 1e-3f, row(single, object));
        assertTrue(Math.abs(noise[separability]) < 0.1 && Math.abs(noise[generalisation]) < 0.1, row(single, noise));
        DecodingValue median = single.getDecoding().getValues(0);
        assertEquals(DecodingTask.DECODING_TASK_SEPARABILITY, median.getTask());
        assertEquals(DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE, median.getMeasure());
        assertTrue(median.getHasError() && median.getUnit() == ValueUnit.VALUE_UNIT_BITS, median.toString());

        AnalysisResult population = result(results, DecodingResultMapping.POPULATION);
        assertEquals(4, population.getUnits().getAnalysed(), "the pool");
        assertEquals(0, perUnit(population).length, "4 units: no pseudo-population of 6 fits");

        // By default only included units are decoded: the noise unit is not informative, so it is left out.
        AnalysisResult included = result(analyse(manifest(true), TestSettings.defaults()),
                DecodingResultMapping.SINGLE_UNIT);
        int unit = column(included, ColumnLabels.UNIT);
        assertEquals(List.of(0, 1, 3), java.util.Arrays.stream(perUnit(included)).map(row -> (int) row[unit])
                .toList());
        assertEquals(3, included.getUnits().getIncluded());
    }

    @Test
    void thePapersProfileDecodesEveryPairPassingTheThresholdAndSaysSo() {
        AnalysisResult quick = result(analyse(manifest(true), TestSettings.with("unit-filter=all")),
                DecodingResultMapping.SINGLE_UNIT);
        List<AnalysisResult> results = analyse(manifest(true), TestSettings.with("unit-filter=all",
                "decoding.profile=paper"));
        AnalysisResult paper = result(results, DecodingResultMapping.SINGLE_UNIT);
        AnalysisResult invariant = result(results, PerUnitResultMapping.INVARIANT_INFORMATION);
        float passing = perUnit(invariant)[PlantedSource.OBJECT_UNIT][column(invariant, ColumnLabels.KEPT_PAIRS)];
        assertEquals(4f, passing, "4 of the 6 pairs pass Th with the unit's RF luminance");
        int pairs = column(paper, ColumnLabels.DECODED_PAIRS);
        assertEquals(passing, perUnit(paper)[PlantedSource.OBJECT_UNIT][pairs], "every passing pair is decoded");
        assertEquals(3f, perUnit(quick)[PlantedSource.OBJECT_UNIT][pairs], "the quick profile's 3");
        SingleUnitDecodingParameters recorded = paper.getParameters().getSingleUnitDecoding();
        assertEquals(org.prunedistill.events.v1.DecodingProfile.DECODING_PROFILE_PAPER, recorded.getProfile());
        assertEquals(0, recorded.getPairsPerUnit(), "0: every pair");
        assertEquals(1000, recorded.getGeneralisationRepetitions());
        assertEquals(org.prunedistill.events.v1.DecodingProfile.DECODING_PROFILE_QUICK,
                quick.getParameters().getSingleUnitDecoding().getProfile());
        assertNotEquals(quick.getResultKey(), paper.getResultKey(), "another profile, another result");
    }

    @Test
    void pseudoPopulationsOfObjectTunedUnitsDecodeAboveChanceAndShuffledOnesDoNot() {
        List<StimulusCondition> conditions = new java.util.ArrayList<>();
        for (int c = 0; c < 40; c++) {
            conditions.add(new StimulusCondition(c, c % 4, "object-" + c % 4, "size", c / 4, 100.0 * c / 40,
                    10));
        }
        SourceManifest manifest = SourceManifest.newBuilder()
                .setSource(SourceRef.newBuilder().setRunId("population").setKind(SourceKind.SOURCE_KIND_AREA)
                        .setName("IT").setOrigin("test"))
                .setStimulusMetadata(store.putDocument(ConditionTable.toJson(conditions))).build();
        int units = 24;
        int trials = 6;
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        float[] tuned = new float[40 * trials * units];
        float[] shuffled = new float[tuned.length];
        for (int c = 0; c < 40; c++) {
            for (int t = 0; t < trials; t++) {
                for (int u = 0; u < units; u++) {
                    // Each unit prefers one object weakly: a single unit is unsure, a population is not.
                    double signal = (c % 4) == (u % 4) ? 1.0 : 0.0;
                    tuned[(c * trials + t) * units + u] = (float) (signal + random.nextGaussian());
                    shuffled[(c * trials + t) * units + u] = (float) random.nextGaussian();
                }
            }
        }
        // Every unit counts: single units this weak are rarely significant, and the noise ones should not be.
        InformationSettings everyUnit = TestSettings.with("unit-filter=all");
        List<String> drawn = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        PerformanceRow withSignal = populationRow(InformationSourceAnalysis.of(new InformationAnalysis(everyUnit,
                InformationAnalysisProducer.timed(EstimatorTimer.on(REGISTRY))), store).analyse(manifest,
                new SourceTensor(40, trials, units, tuned), (step, done, total) -> {
                    if (step.equals("population decoding")) {
                        drawn.add(done + "/" + total);
                    }
                }), 24);
        int sizes = everyUnit.decoding().populationSizes().stream().filter(size -> size <= units).toList().size();
        long pseudoPopulations = (long) sizes * everyUnit.decoding().populationResamplings();
        assertEquals(pseudoPopulations + 1, drawn.size(), "the start, then each pseudo-population: " + drawn);
        assertTrue(drawn.contains(pseudoPopulations + "/" + pseudoPopulations), drawn.toString());
        PerformanceRow noSignal = populationRow(analyse(manifest, everyUnit,
                new SourceTensor(40, trials, units, shuffled)), 24);
        assertTrue(withSignal.aboveChance() > 0.3, "planted object tuning: " + withSignal);
        assertTrue(withSignal.percentCorrect() > 75, withSignal.toString());
        assertTrue(Math.abs(noSignal.aboveChance()) < 0.1, "no signal, chance: " + noSignal);
    }

    private record PerformanceRow(double aboveChance, double percentCorrect) {
    }

    /** Separability of the pseudo-populations of {@code size} units. */
    private static PerformanceRow populationRow(List<AnalysisResult> results, int size) {
        AnalysisResult population = result(results, DecodingResultMapping.POPULATION);
        int units = column(population, "units");
        for (float[] row : perUnit(population)) {
            if (row[units] == size) {
                return new PerformanceRow(row[column(population, "separability.above_chance")],
                        row[column(population, "separability.percent_correct")]);
            }
        }
        throw new AssertionError("no population of " + size + " units in " + population);
    }

    @Test
    void timesEachEstimatorGroupForPrometheus() {
        long before = REGISTRY.find("pd.estimator").tag("estimator", "per-unit-quantities").timers().stream()
                .mapToLong(Timer::count).sum();
        analyse(manifest(true), TestSettings.defaults());
        for (String estimator : List.of("mutual-information", "per-unit-quantities", "bootstrap-medians",
                "decoding")) {
            assertTrue(REGISTRY.find("pd.estimator").tag("analysis", "information").tag("estimator", estimator)
                    .timer() != null, estimator);
        }
        assertEquals(before + 1, REGISTRY.find("pd.estimator").tag("estimator", "per-unit-quantities").timer()
                .count());
    }

    private static List<AnalysisResult> analyse(SourceManifest manifest, InformationSettings config) {
        return analyse(manifest, config, SOURCE.tensor);
    }

    private static List<AnalysisResult> analyse(SourceManifest manifest, InformationSettings config, SourceTensor tensor) {
        InformationAnalysis analysis = new InformationAnalysis(config, InformationAnalysisProducer.timed(EstimatorTimer.on(REGISTRY)));
        return InformationSourceAnalysis.of(analysis, store).analyse(manifest, tensor);
    }

    private static SourceManifest manifest(boolean withUnitFeatures) {
        SourceManifest.Builder manifest = SourceManifest.newBuilder()
                .setSource(SourceRef.newBuilder().setRunId("planted").setKind(SourceKind.SOURCE_KIND_LAYER)
                        .setName("conv").setOrigin("test"))
                .setStimulusMetadata(store.putDocument(ConditionTable.toJson(SOURCE.conditions)));
        if (withUnitFeatures) {
            int p = PlantedSource.POSITIONS;
            int c = PlantedSource.CONDITIONS;
            manifest.setUnitFeatures(UnitFeatures.newBuilder().setPositions(p)
                    .setRfLuminance(store.putTensor(FloatTensor.ofFloats(SOURCE.rfLuminance, p, c)))
                    .setRfContrast(store.putTensor(FloatTensor.ofFloats(SOURCE.rfContrast, p, c)))
                    .setRfAzimuth(store.putTensor(FloatTensor.ofFloats(PlantedSource.AZIMUTHS, p)))
                    .setRfMap("input-window"));
        }
        return manifest.build();
    }

    private static AnalysisResult result(List<AnalysisResult> results, String estimator) {
        return results.stream().filter(result -> result.getEstimator().equals(estimator)).findFirst().orElseThrow();
    }

    private static InformationMedian median(AnalysisResult result, InformationQuantity quantity) {
        return result.getInformation().getMediansList().stream().filter(median -> median.getQuantity() == quantity)
                .findFirst().orElseThrow();
    }

    private static List<String> labels(AnalysisResult result) {
        return result.getPerUnitTable().getColumnsList().stream().map(PerUnitColumn::getLabel).toList();
    }

    private static int column(AnalysisResult result, String name) {
        int index = labels(result).indexOf(name);
        assertTrue(index >= 0, name + " in " + labels(result));
        return index;
    }

    private static float[][] perUnit(AnalysisResult result) {
        FloatTensor array = store.fetchTensor(result.getPerUnitTable().getObject());
        assertTrue(result.getPerUnitTable().getObject().getKey().startsWith(ObjectKeys.RESULTS + "/"));
        int columns = array.dimension(1);
        float[][] rows = new float[array.dimension(0)][columns];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(array.data(), r * columns, rows[r], 0, columns);
        }
        return rows;
    }

    private static String row(AnalysisResult result, float[] values) {
        StringBuilder text = new StringBuilder(result.getEstimator()).append(':');
        for (int i = 0; i < values.length; i++) {
            text.append(' ').append(labels(result).get(i)).append('=').append(values[i]);
        }
        return text.toString();
    }
}
