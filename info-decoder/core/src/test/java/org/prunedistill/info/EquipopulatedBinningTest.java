package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EquipopulatedBinningTest extends BinningContractTest {

    private static final double SILENT_FRACTION = 0.7;

    @Override
    int[] labels(double[] values, int bins) {
        return EquipopulatedBinning.labels(values, bins);
    }

    @Override
    double[] edges(double[] values, int bins) {
        return EquipopulatedBinning.edges(values, bins);
    }

    @Override
    String referenceKey() {
        return "eqpop";
    }

    @Test
    void cutsNineDistinctValuesIntoThreesAtTheOrderStatistics() {
        double[] values = {9, 1, 5, 3, 7, 2, 8, 4, 6};
        assertArrayEquals(new double[] {3, 6}, EquipopulatedBinning.edges(values, 3));
        assertArrayEquals(new int[] {2, 0, 1, 0, 2, 0, 2, 1, 1}, EquipopulatedBinning.labels(values, 3));
    }

    @Test
    void putsTheRemainderInTheUpperBins() {
        double[] values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(new int[] {3, 3, 4}, counts(EquipopulatedBinning.labels(values, 3), 3));
    }

    @Test
    void keepsATieBlockThatContainsAnEdgeInTheLowerBin() {
        double[] values = {0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
        assertArrayEquals(new double[] {0, 0}, EquipopulatedBinning.edges(values, 3));
        assertArrayEquals(new int[] {7, 0, 3}, counts(EquipopulatedBinning.labels(values, 3), 3));
    }

    @Test
    void givesAReluUnitWithSeventyPercentZerosManyThenNoneThenSome() {
        SplittableRandom rng = new SplittableRandom(11);
        int trials = 380;
        double[] values = new double[trials];
        for (int t = 0; t < trials; t++) {
            values[t] = t < SILENT_FRACTION * trials ? 0.0 : 0.1 + rng.nextDouble();
        }
        int[] counts = counts(EquipopulatedBinning.labels(values, 3), 3);
        assertEquals(266, counts[0]);
        assertEquals(0, counts[1]);
        assertEquals(114, counts[2]);
        assertTrue(counts[0] > counts[2]);
    }
}
