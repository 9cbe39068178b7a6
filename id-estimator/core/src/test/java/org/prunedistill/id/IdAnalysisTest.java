package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdAnalysisTest {

    static final double REFERENCE_TOLERANCE = 1e-5;

    @Test
    void runsEveryEstimatorOnSharedNeighbourhoodsOfTheDadapyData() {
        IdAnalysisResult result = IdAnalysis.withDefaults().analyse(Samples.dadapyTwoGaussians());
        assertEquals(100, result.points());
        assertEquals(2, result.dimensions());
        assertEquals(0, result.duplicatesRemoved());
        assertEquals(64, result.neighbours());
        assertEquals(TwoNnEstimatorTest.DADAPY_TWO_GAUSSIANS_ID, result.twoNn().id(), REFERENCE_TOLERANCE);
        assertEquals(TwoNnMaximumLikelihoodTest.DADAPY_TWO_GAUSSIANS_ID, result.twoNnMle().estimate().id(),
                REFERENCE_TOLERANCE);
        assertEquals(6, result.gride().size());
        assertEquals(GrideMultiscaleTest.DADAPY_IDS[5], result.gride().get(5).id(), REFERENCE_TOLERANCE);
        assertEquals(2, result.linear().pcaComponents());
        assertEquals(Subsampling.DEFAULT_REPETITIONS, result.twoNnSubsampled().repetitions().size());
        assertEquals(90, result.twoNnSubsampled().sampleSize());
        assertEquals(List.of(100, 50, 25, 12), result.decimation().stream().map(DecimationStep::size).toList());
    }

    @Test
    void errorBarAndDecimationAreThoseOfTheStandaloneEstimatorsWithTheSameSeed() {
        Points points = Samples.dadapyTwoGaussians();
        IdAnalysisResult result = IdAnalysis.withDefaults().withSeed(11).analyse(points);
        SplittableRandom random = new SplittableRandom(11);
        SubsampledEstimate errorBar = Subsampling.withDefaults().estimate(points, TwoNnEstimator.withDefaults(), random);
        List<DecimationStep> decimation = DecimationScaling.withDefaults().estimate(points, random);
        assertEquals(errorBar.id(), result.twoNnSubsampled().id(), 0.0);
        assertEquals(errorBar.error(), result.twoNnSubsampled().error(), 0.0);
        assertEquals(decimation, result.decimation());
        assertTrue(result.twoNnSubsampled().error() > 0.0);
    }

    @Test
    void anotherNeighbourSearchMethodIsUsedForEveryEstimator() {
        int[] calls = new int[1];
        NeighbourSearchMethod counting = (points, maxK) -> {
            calls[0]++;
            return NearestNeighbours.upTo(points, maxK);
        };
        IdAnalysisResult viaMethod = IdAnalysis.withDefaults().withNeighbourSearch(counting)
                .analyse(Samples.dadapyTwoGaussians());
        assertEquals(1, calls[0]);
        assertEquals(IdAnalysis.withDefaults().analyse(Samples.dadapyTwoGaussians()), viaMethod);
    }

    @Test
    void computesOnlyTwoNeighboursWithoutGrideAndLeavesSwitchedOffEstimatorsNull() {
        // Without the TwoNN fit there is no error bar or decimation either, so two neighbours suffice.
        IdAnalysisResult result = IdAnalysis.withDefaults().withGride(null).withLinear(null).withTwoNn(null)
                .analyse(Samples.dadapyTwoGaussians());
        assertEquals(2, result.neighbours());
        assertTrue(result.gride().isEmpty());
        assertNull(result.linear());
        assertNull(result.twoNn());
        assertNull(result.twoNnSubsampled());
        assertTrue(result.decimation().isEmpty());
        assertEquals(TwoNnMaximumLikelihoodTest.DADAPY_TWO_GAUSSIANS_ID, result.twoNnMle().estimate().id(),
                REFERENCE_TOLERANCE);
    }

    @Test
    void recordsTheTimeOfEveryStepItRan() {
        IdAnalysisResult result = IdAnalysis.withDefaults().withGride(null).analyse(Samples.dadapyTwoGaussians());
        assertEquals(List.of("neighbours", "linear", "twonn", "twonn-mle", "subsampling", "decimation"),
                List.copyOf(result.nanosByStep().keySet()));
        assertTrue(result.nanosByStep().values().stream().allMatch(nanos -> nanos >= 0));
    }

    @Test
    void recordsTheReadingOfColumnBlocksAsAStep() {
        SplittableRandom random = new SplittableRandom(5);
        float[] data = new float[20 * 30];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble();
        }
        Points wide = new Points(data, 20, 30);
        IdAnalysisResult result = IdAnalysis.withDefaults().withGride(null).analyse(ColumnBlocks.of(wide, 8));
        assertEquals(List.of("reading", "neighbours", "linear", "twonn", "twonn-mle", "subsampling", "decimation"),
                List.copyOf(result.nanosByStep().keySet()));
    }

    @Test
    void capsTheGrideRangeAtTheDistinctPoints() {
        float[] data = {0, 0, 1, 0, 0, 1, 1, 1, 2, 3, 0, 0};
        IdAnalysisResult result = IdAnalysis.withDefaults().analyse(new Points(data, 6, 2));
        assertEquals(1, result.duplicatesRemoved());
        assertEquals(4, result.neighbours());
        assertEquals(2, result.gride().size());
    }
}
