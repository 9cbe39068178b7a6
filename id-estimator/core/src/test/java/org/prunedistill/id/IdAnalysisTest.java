package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    }

    @Test
    void computesOnlyTwoNeighboursWithoutGrideAndLeavesSwitchedOffEstimatorsNull() {
        IdAnalysisResult result = IdAnalysis.withDefaults().withGride(null).withLinear(null).withTwoNn(null)
                .analyse(Samples.dadapyTwoGaussians());
        assertEquals(2, result.neighbours());
        assertTrue(result.gride().isEmpty());
        assertNull(result.linear());
        assertNull(result.twoNn());
        assertEquals(TwoNnMaximumLikelihoodTest.DADAPY_TWO_GAUSSIANS_ID, result.twoNnMle().estimate().id(),
                REFERENCE_TOLERANCE);
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
