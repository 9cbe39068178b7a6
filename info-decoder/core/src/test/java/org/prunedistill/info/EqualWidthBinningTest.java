package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class EqualWidthBinningTest extends BinningContractTest {

    @Override
    int[] labels(double[] values, int bins) {
        return EqualWidthBinning.labels(values, bins);
    }

    @Override
    double[] edges(double[] values, int bins) {
        return EqualWidthBinning.edges(values, bins);
    }

    @Override
    String referenceKey() {
        return "eqwidth";
    }

    @Test
    void splitsTheRangeIntoEqualWidthsWithTheMaximumInTheLastBin() {
        double[] values = {0, 1, 2, 3, 4, 5, 6};
        assertArrayEquals(new double[] {2, 4}, EqualWidthBinning.edges(values, 3));
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 2}, EqualWidthBinning.labels(values, 3));
    }

    @Test
    void putsAValueOnAnEdgeInTheUpperBin() {
        assertArrayEquals(new int[] {0, 1, 1}, EqualWidthBinning.labels(new double[] {0, 1, 2}, 2));
    }
}
