package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapMedianTest {

    private static final double EXACT = 1e-12;
    /** Asymptotic standard error of the median of n standard normal values: sqrt(pi / 2) / sqrt(n). */
    private static final double NORMAL_MEDIAN_SE_FACTOR = Math.sqrt(Math.PI / 2);
    /** The bootstrap standard error of a median is rough; within this relative error of the asymptotic value. */
    private static final double SE_RELATIVE_TOLERANCE = 0.3;
    private static final int UNITS = 400;

    private final BootstrapMedian bootstrap = BootstrapMedian.withDefaults();

    @Test
    void takesTheMedianOfTheDefinedValuesAndCountsTheUndefinedOnes() {
        MedianEstimate estimate = bootstrap.estimate(new double[] {4, Double.NaN, 1, 3, 2}, new SplittableRandom(1));

        assertEquals(2.5, estimate.median(), EXACT);
        assertEquals(4, estimate.units());
        assertEquals(1, estimate.undefined());
        assertEquals(BootstrapMedian.DEFAULT_RESAMPLES, estimate.resamples());
    }

    @Test
    void estimatesTheStandardErrorOfTheMedianOfNormalValues() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] values = new double[UNITS];
        for (int i = 0; i < UNITS; i++) {
            values[i] = rng.nextGaussian();
        }
        MedianEstimate estimate = bootstrap.estimate(values, rng);

        double expected = NORMAL_MEDIAN_SE_FACTOR / Math.sqrt(UNITS);
        assertEquals(expected, estimate.standardError(), SE_RELATIVE_TOLERANCE * expected, estimate.toString());
    }

    @Test
    void givesTheSameResultForTheSameSeed() {
        double[] values = {0.1, 0.5, 0.2, 0.9, 0.4, 0.3};
        assertEquals(bootstrap.estimate(values, new SplittableRandom(3)),
                bootstrap.estimate(values, new SplittableRandom(3)));
    }

    @Test
    void givesNanWithoutDefinedValuesAndZeroErrorWithOne() {
        MedianEstimate none = bootstrap.estimate(new double[] {Double.NaN}, new SplittableRandom(4));
        assertTrue(Double.isNaN(none.median()) && Double.isNaN(none.standardError()));
        assertEquals(1, none.undefined());
        MedianEstimate one = bootstrap.estimate(new double[] {0.7}, new SplittableRandom(4));
        assertEquals(0.7, one.median(), EXACT);
        assertEquals(0.0, one.standardError(), EXACT);
    }

    @Test
    void findsAShiftOfTheMedianWithTheStandardErrorOfTheDifference() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] before = new double[UNITS];
        double[] after = new double[UNITS];
        for (int i = 0; i < UNITS; i++) {
            before[i] = rng.nextGaussian();
            after[i] = 1.0 + rng.nextGaussian();
        }
        MedianChange change = bootstrap.difference(before, after, rng);

        double expectedSe = Math.sqrt(2) * NORMAL_MEDIAN_SE_FACTOR / Math.sqrt(UNITS);
        assertEquals(change.after().median() - change.before().median(), change.change(), EXACT);
        assertEquals(1.0, change.change(), 4 * expectedSe);
        assertEquals(expectedSe, change.standardError(), SE_RELATIVE_TOLERANCE * expectedSe, change.toString());
        assertTrue(change.increased(2.0));
    }

    @Test
    void refusesFewerThanTwoResamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bootstrap.withResamples(1));
        assertTrue(e.getMessage().contains("resamples"), e.getMessage());
    }
}
