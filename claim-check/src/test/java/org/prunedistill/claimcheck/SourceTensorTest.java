package org.prunedistill.claimcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SourceTensorTest {

    @Test
    void conditionMeansAverageTheValidTrialsOnly() {
        float nan = Float.NaN;
        // [2 conditions, 3 trials, 2 units]
        SourceTensor tensor = new SourceTensor(2, 3, 2, new float[] {
            1, 10, 2, nan, 3, 30,
            nan, nan, 4, nan, nan, nan});
        assertArrayEquals(new float[] {2, 20, 4, nan}, tensor.conditionMeans(), 0.0f);
    }

    @Test
    void unitResponsesKeepMissingTrialsAsNan() {
        SourceTensor tensor = new SourceTensor(1, 2, 2, new float[] {1, Float.NaN, 2, 5});
        assertArrayEquals(new double[] {Double.NaN, 5}, tensor.unitResponses(1, new double[2]), 0.0);
    }

    @Test
    void refusesDataOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> new SourceTensor(2, 2, 2, new float[7]));
    }
}
