package org.prunedistill.info.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.SourceTensor;

class UnitMajorBlockTest {

    @Test
    void givesEveryUnitTheResponsesOfTheConditionMajorBlock() {
        // Sides that are not multiples of the transposition's tile, larger and smaller than it, and missing trials.
        for (int[] shape : new int[][] {{37, 3, 131}, {5, 1, 1}, {1, 2, 64}, {70, 1, 65}}) {
            int conditions = shape[0];
            int trials = shape[1];
            int units = shape[2];
            SplittableRandom random = new SplittableRandom(units);
            float[] data = new float[conditions * trials * units];
            for (int i = 0; i < data.length; i++) {
                data[i] = random.nextInt(10) == 0 ? Float.NaN : (float) random.nextGaussian();
            }
            SourceTensor block = new SourceTensor(conditions, trials, units, data);
            UnitMajorBlock turned = UnitMajorBlock.of(block);
            assertEquals(units, turned.units());
            for (int unit = 0; unit < units; unit++) {
                assertArrayEquals(block.unitResponses(unit, new double[conditions * trials]),
                        turned.unitResponses(unit, new double[conditions * trials]), "unit " + unit);
            }
        }
    }
}
