package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactDistanceTest {

    @Test
    void sumsEachSpanInEightInterleavedSumsAddedPairwiseAndTheSpansInOrder() {
        SplittableRandom random = new SplittableRandom(5);
        for (int d : new int[] {1, 2, 7, 8, 9, 15, 16, 17, 23, 511, 512, 513, 519, 1030, 4096, 4099}) {
            float[] data = new float[3 * d + 5];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (random.nextGaussian() * Math.exp(4 * random.nextGaussian()));
            }
            int a = 3;
            int b = 3 + 2 * d;
            double squared = 0.0;
            for (int start = 0; start < d; start += 512) {
                double[] sums = new double[8];
                for (int c = start; c < Math.min(d, start + 512); c++) {
                    double difference = (double) data[a + c] - data[b + c];
                    sums[c % 8] += difference * difference;
                }
                squared += ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]));
            }
            double expected = Math.sqrt(squared);
            assertEquals(Double.doubleToRawLongBits(expected),
                    Double.doubleToRawLongBits(ExactDistance.of(data, a, b, d)), "d = " + d);
        }
    }

    @Test
    void agreesWithTheDistanceInExactArithmeticToAFewUnitsInTheLastPlace() {
        SplittableRandom random = new SplittableRandom(6);
        int d = 4099;
        float[] data = new float[2 * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        BigDecimal squared = BigDecimal.ZERO;
        for (int c = 0; c < d; c++) {
            BigDecimal difference = new BigDecimal(data[c]).subtract(new BigDecimal(data[d + c]));
            squared = squared.add(difference.multiply(difference));
        }
        double exact = squared.sqrt(MathContext.DECIMAL128).doubleValue();
        assertEquals(exact, ExactDistance.of(data, 0, d, d), 4 * Math.ulp(exact));
    }

    @Test
    void isExactAndSymmetricOnIntegers() {
        float[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 18};
        assertEquals(3.0, ExactDistance.of(data, 0, 21, 21));
        assertEquals(3.0, ExactDistance.of(data, 21, 0, 21));
        assertEquals(0.0, ExactDistance.of(data, 0, 0, 21));
    }
}
