package org.prunedistill.id.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prunedistill.id.ExactDistance;

class RowDistancesTest {

    @Test
    void everyImplementationGivesTheCoresBitsForEveryRemainderOfEightFeatures() {
        SplittableRandom random = new SplittableRandom(11);
        RowDistances[] implementations = {new RowDistances.ScalarRowDistances("compared"), new VectorRowDistances()};
        for (RowDistances rows : implementations) {
            for (int d : new int[] {1, 5, 8, 13, 16, 31, 4096, 4101}) {
                int n = 9;
                float[] data = new float[n * d];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) (random.nextGaussian() * Math.exp(3 * random.nextGaussian()));
                }
                int[] others = {0, 3, 8, 5, 1, 2, 7, 3};
                double[] group = new double[RowDistances.GROUP];
                rows.group(data, d, 8, others, group);
                for (int slot = 0; slot < RowDistances.GROUP; slot++) {
                    double expected = ExactDistance.of(data, 8 * d, others[slot] * d, d);
                    String where = rows.describe() + ", d = " + d + ", row " + others[slot];
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(group[slot]), where);
                    assertEquals(Double.doubleToRawLongBits(expected),
                            Double.doubleToRawLongBits(rows.one(data, d, 8, others[slot])), where);
                }
            }
        }
    }

    @Test
    void theVectorLanesRunWhereTheModuleIsResolvedAndTheCpuHasThem() {
        boolean wide = VectorRowDistances.wideEnough();
        assertEquals(wide ? "vector (8 double lanes)" : "scalar (this CPU has no 512-bit vectors)",
                RowDistances.fastest().describe());
    }
}
