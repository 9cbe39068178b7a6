package org.prunedistill.info.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ValidTrialsTest {

    @Test
    void missingTrialsAreDroppedWithTheirLabels() {
        ValidTrials valid = ValidTrials.of(new double[] {1, Double.NaN, 3, Double.NaN, 5});
        assertArrayEquals(new double[] {1, 3, 5}, valid.responses(), 0.0);
        assertArrayEquals(new int[] {10, 12, 14}, valid.labels(new int[] {10, 11, 12, 13, 14}));
    }

    @Test
    void completeResponsesPassThroughUnchanged() {
        double[] responses = {1, 2};
        int[] labels = {0, 1};
        ValidTrials valid = ValidTrials.of(responses);
        assertSame(responses, valid.responses());
        assertSame(labels, valid.labels(labels));
    }
}
