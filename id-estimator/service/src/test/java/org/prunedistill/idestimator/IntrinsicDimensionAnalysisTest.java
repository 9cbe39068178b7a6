package org.prunedistill.idestimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunedistill.analysis.messaging.EstimatorTimer;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.SourceAssembler;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.claimcheck.SpilledSource;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.embedded.EmbeddedS3;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.UnitSampleKind;
import org.prunedistill.events.v1.UnitSampling;
import org.prunedistill.id.EqualUnitSubsampling;
import org.prunedistill.id.Points;
import org.prunedistill.id.SubsampledEstimate;
import org.prunedistill.id.TwoNnEstimator;
import org.prunedistill.idestimator.config.IdEstimatorConfig.NeighbourSearch;
import org.prunedistill.idestimator.messaging.IdSourceAnalysis;

/**
 * The use case on a planted source whose condition means lie on a 2-plane linearly embedded in 40 units: the same
 * results from the spill file (batches from a real S3 server) as from memory, and a recorded unit subset.
 */
class IntrinsicDimensionAnalysisTest {

    private static final int CONDITIONS = 200;
    private static final int TRIALS = 3;
    private static final int UNITS = 40;
    private static final double PLANE_TOLERANCE = 0.5;

    @TempDir
    static Path storage;
    @TempDir
    Path spillDirectory;
    private static EmbeddedS3 s3;
    private static ObjectStore store;
    private static SourceTensor tensor;
    private static SourceManifest manifest;

    @BeforeAll
    static void uploadAPlane() throws Exception {
        s3 = EmbeddedS3.start(storage, 0);
        store = ObjectStore.connect(new StoreSettings(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY,
                "id-test", EmbeddedS3.REGION));
        store.ensureBucket();
        SplittableRandom random = new SplittableRandom(4);
        double[][] embedding = new double[2][UNITS];
        for (double[] row : embedding) {
            for (int u = 0; u < UNITS; u++) {
                row[u] = random.nextGaussian();
            }
        }
        float[] data = new float[CONDITIONS * TRIALS * UNITS];
        for (int c = 0; c < CONDITIONS; c++) {
            double x = random.nextDouble();
            double y = random.nextDouble();
            for (int t = 0; t < TRIALS; t++) {
                for (int u = 0; u < UNITS; u++) {
                    data[(c * TRIALS + t) * UNITS + u] = (float) (x * embedding[0][u] + y * embedding[1][u]);
                }
            }
        }
        tensor = new SourceTensor(CONDITIONS, TRIALS, UNITS, data);
        SourceManifest.Builder builder = SourceManifest.newBuilder()
                .setSource(SourceRef.newBuilder().setRunId("plane").setKind(SourceKind.SOURCE_KIND_LAYER)
                        .setName("plane").setOrigin("test"))
                .addAllTotalShape(List.of((long) CONDITIONS, (long) TRIALS, (long) UNITS));
        for (int first = 0; first < CONDITIONS; first += 64) {
            int count = Math.min(64, CONDITIONS - first);
            float[] batch = java.util.Arrays.copyOfRange(data, first * TRIALS * UNITS, (first + count) * TRIALS * UNITS);
            builder.addBatches(store.putTensor(FloatTensor.ofFloats(batch, count, TRIALS, UNITS)));
        }
        manifest = builder.build();
    }

    @AfterAll
    static void stopStore() throws Exception {
        s3.close();
    }

    @Test
    void findsThePlaneFromTheSpillFileAsFromMemory() {
        List<AnalysisResult> inMemory = analyse(TestIdConfig.defaults(), tensor);
        try (SpilledSource spilled = new SourceAssembler(store).spill(manifest, spillDirectory)) {
            List<AnalysisResult> fromFile = analyse(TestIdConfig.defaults(), spilled);
            assertEquals(inMemory.size(), fromFile.size());
            for (int i = 0; i < inMemory.size(); i++) {
                assertEquals(inMemory.get(i).getResultKey(), fromFile.get(i).getResultKey());
                assertEquals(inMemory.get(i).getSummaryCase(), fromFile.get(i).getSummaryCase());
                assertEquals(summary(inMemory.get(i)), summary(fromFile.get(i)));
            }
        }
        AnalysisResult twoNn = inMemory.get(0);
        assertEquals("twonn", twoNn.getEstimator());
        assertEquals(2.0, twoNn.getTwoNn().getId(), PLANE_TOLERANCE);
        assertEquals(UnitSampleKind.UNIT_SAMPLE_KIND_ALL, twoNn.getParameters().getUnitSampling().getSample());
        assertEquals(UNITS, twoNn.getUnits().getAnalysed());
    }

    @Test
    void recordsASeededSubsetOfUnits() {
        List<AnalysisResult> results = analyse(TestIdConfig.defaults().withMaxUnits(10), tensor);
        for (AnalysisResult result : results) {
            UnitSampling sampling = result.getParameters().getUnitSampling();
            assertEquals(UnitSampleKind.UNIT_SAMPLE_KIND_SEEDED_SUBSET, sampling.getSample(), result.getEstimator());
            assertEquals(10, sampling.getMaxUnits());
            assertEquals(0, sampling.getSeed());
            assertEquals(10, result.getUnits().getAnalysed());
            assertEquals(UNITS, result.getUnits().getInSource());
        }
        assertTrue(Math.abs(results.get(0).getTwoNn().getId() - 2.0) < PLANE_TOLERANCE,
                "10 units still span the plane");
    }

    @Test
    void anAreaComparedAtEqualUnitsIsTheMeanAndSdOfTheFitOverSeededUnitSubsets() {
        SourceManifest area = manifest.toBuilder().setCommonUnits(10).build();
        List<AnalysisResult> results = analyse(TestIdConfig.defaults(), area, tensor);

        AnalysisResult twoNn = results.get(0);
        UnitSampling subsets = twoNn.getParameters().getUnitSampling();
        assertEquals(UnitSampleKind.UNIT_SAMPLE_KIND_EQUAL_UNIT_SUBSETS, subsets.getSample());
        assertEquals(List.of(10, 50, 0L), List.of(subsets.getMaxUnits(), subsets.getUnitSubsets(), subsets.getSeed()));
        assertEquals(0, twoNn.getParameters().getTwoNn().getSubsamples(), "no subsamples of points");
        assertEquals(List.of(UNITS, 10), List.of(twoNn.getUnits().getInSource(), twoNn.getUnits().getAnalysed()));
        // By hand: the same 50 draws of 10 of the 40 columns of the condition means, seed 0.
        SubsampledEstimate expected = EqualUnitSubsampling.withDefaults().withUnits(10).estimate(
                new Points(tensor.conditionMeans(), CONDITIONS, UNITS), TwoNnEstimator.withDefaults(),
                new SplittableRandom(0));
        assertEquals(expected.id(), twoNn.getTwoNn().getId(), 1e-12);
        assertEquals(expected.id(), twoNn.getTwoNn().getSubsampleMean(), 1e-12);
        assertEquals(expected.error(), twoNn.getTwoNn().getSubsampleSd(), 1e-12);
        assertTrue(twoNn.getTwoNn().getHasSubsamples() && expected.error() > 0, "subsets of units differ");
        assertEquals(2.0, twoNn.getTwoNn().getId(), PLANE_TOLERANCE);
        for (AnalysisResult other : results.subList(1, results.size())) {
            UnitSampling one = other.getParameters().getUnitSampling();
            assertEquals(UnitSampleKind.UNIT_SAMPLE_KIND_SEEDED_SUBSET, one.getSample(), other.getEstimator());
            assertEquals(10, one.getMaxUnits(), other.getEstimator());
            assertEquals(10, other.getUnits().getAnalysed(), other.getEstimator());
        }
    }

    @Test
    void anAreaWithFewerUnitsThanTheRunComparesAtIsRefused() {
        SourceManifest area = manifest.toBuilder().setCommonUnits(UNITS + 1).build();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> analyse(TestIdConfig.defaults(), area, tensor));
        assertEquals("the run compares its areas at 41 units, this source has 40", refused.getMessage());
    }

    @Test
    void publishesOneTypedResultPerEstimatorWithEveryScaleInOneCurve() {
        List<AnalysisResult> results = analyse(TestIdConfig.defaults(), tensor);
        assertEquals(List.of(AnalysisResult.SummaryCase.TWO_NN, AnalysisResult.SummaryCase.DECIMATION,
                AnalysisResult.SummaryCase.TWO_NN_MLE, AnalysisResult.SummaryCase.GRIDE,
                AnalysisResult.SummaryCase.PC_ID, AnalysisResult.SummaryCase.PARTICIPATION_RATIO),
                results.stream().map(AnalysisResult::getSummaryCase).toList());
        // 200 distinct points, range 64: n1 = 1, 2, ..., 32; the decimation halves down to more than 10 points.
        assertEquals(List.of(1, 2, 4, 8, 16, 32), results.get(3).getGride().getScalesList().stream()
                .map(scale -> scale.getN1()).toList());
        assertEquals(200, results.get(1).getDecimation().getSteps(0).getSize());
        assertEquals(2, results.get(4).getPcId().getComponents(), "a plane: two components explain 90%");
        assertEquals(results.stream().map(AnalysisResult::getResultKey).distinct().count(), results.size());
    }

    @Test
    void analysesMeansTooLargeForTheHeapABlockOfUnitsAtATimeWithTheSameResults() {
        SourceTensor wide = wideSource(40, 3, 12_000);
        assertTrue(wide.unitsPerBlock(SourceActivations.MEANS_BLOCK_BYTES) < wide.units(), "several blocks");
        SourceManifest wideManifest = manifest.toBuilder().clearTotalShape()
                .addAllTotalShape(List.of(40L, 3L, 12_000L)).build();
        List<AnalysisResult> whole = analyse(TestIdConfig.defaults().withMeans(1.0, NeighbourSearch.ND4J),
                wideManifest, wide);
        List<AnalysisResult> blockwise = analyse(TestIdConfig.defaults().withMeans(0.0, NeighbourSearch.ND4J),
                wideManifest, wide);
        assertEquals(whole.stream().map(AnalysisResult::getResultKey).toList(),
                blockwise.stream().map(AnalysisResult::getResultKey).toList());
        assertEquals(whole.stream().map(IntrinsicDimensionAnalysisTest::summary).toList(),
                blockwise.stream().map(IntrinsicDimensionAnalysisTest::summary).toList());
        assertEquals(1, blockwise.get(0).getTwoNn().getDuplicatesRemoved(), "the repeated condition");
        assertEquals(3.0, blockwise.get(0).getTwoNn().getId(), PLANE_TOLERANCE);
    }

    @Test
    void saysHowManyUnitsOfEachPassOverUnitBlocksAreDone() {
        SourceTensor wide = wideSource(40, 3, 12_000);
        int block = wide.unitsPerBlock(SourceActivations.MEANS_BLOCK_BYTES);
        SourceManifest wideManifest = manifest.toBuilder().clearTotalShape()
                .addAllTotalShape(List.of(40L, 3L, 12_000L)).build();
        List<String> steps = new ArrayList<>();
        IntrinsicDimensionAnalysis analysis = new IntrinsicDimensionAnalysis();
        analysis.config = TestIdConfig.defaults().withMeans(0.0, NeighbourSearch.ND4J);
        analysis.timer = EstimatorTimer.on(new SimpleMeterRegistry());
        IdSourceAnalysis.of(analysis).analyse(wideManifest, wide, (step, done, total) -> steps.add(step + " "
                + done + "/" + total));
        List<String> firstPass = new ArrayList<>();
        for (int done = 0; done < 12_000; done += block) {
            firstPass.add(ConditionMeanBlocks.STEP + " " + done + "/12000");
        }
        firstPass.add(ConditionMeanBlocks.STEP + " 12000/12000");
        assertEquals(firstPass, steps.subList(0, firstPass.size()), steps.toString());
        assertTrue(steps.stream().allMatch(step -> step.startsWith(ConditionMeanBlocks.STEP)), steps.toString());

        steps.clear();
        analysis.config = TestIdConfig.defaults().withMeans(1.0, NeighbourSearch.ND4J);
        IdSourceAnalysis.of(analysis).analyse(wideManifest, wide, (step, done, total) -> steps.add(step));
        assertEquals(List.of("condition means", "neighbours and estimates"), steps);
    }

    /** Conditions on a 3-D linear manifold in {@code units} units, noisy trials, the last condition a repeat. */
    private static SourceTensor wideSource(int conditions, int trials, int units) {
        SplittableRandom random = new SplittableRandom(9);
        double[][] embedding = new double[3][units];
        for (double[] row : embedding) {
            for (int u = 0; u < units; u++) {
                row[u] = random.nextGaussian();
            }
        }
        float[] data = new float[conditions * trials * units];
        for (int c = 0; c < conditions - 1; c++) {
            double[] at = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
            for (int t = 0; t < trials; t++) {
                for (int u = 0; u < units; u++) {
                    data[(c * trials + t) * units + u] = (float) (at[0] * embedding[0][u] + at[1] * embedding[1][u]
                            + at[2] * embedding[2][u] + 0.01 * random.nextGaussian());
                }
            }
        }
        System.arraycopy(data, 0, data, (conditions - 1) * trials * units, trials * units);
        return new SourceTensor(conditions, trials, units, data);
    }

    /** The summary a result carries, whatever its kind. */
    private static Object summary(AnalysisResult result) {
        return result.getField(result.getDescriptorForType().findFieldByNumber(
                result.getSummaryCase().getNumber()));
    }

    private static List<AnalysisResult> analyse(TestIdConfig config, SourceActivations source) {
        return analyse(config, manifest, source);
    }

    static List<AnalysisResult> analyse(TestIdConfig config, SourceManifest manifest, SourceActivations source) {
        IntrinsicDimensionAnalysis analysis = new IntrinsicDimensionAnalysis();
        analysis.config = config;
        analysis.timer = EstimatorTimer.on(new SimpleMeterRegistry());
        return IdSourceAnalysis.of(analysis).analyse(manifest, source);
    }
}
