package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
        assertEquals(BootstrapMedian.EXACT, estimate.resamples());
    }

    /**
     * Every one of the n^n equally likely resamples enumerated, for every n from 1 to 7 (odd and even, with ties):
     * the closed form is the bootstrap's standard deviation to rounding.
     */
    @Test
    void theExactStandardErrorIsTheStandardDeviationOverEveryPossibleResample() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n = 1; n <= 7; n++) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = Math.floor(rng.nextDouble() * 4) + 10;  // ties, and an offset far from 0
            }
            double enumerated = enumeratedStandardError(values);
            MedianEstimate exact = bootstrap.estimate(values, rng);
            assertEquals(enumerated, exact.standardError(), 1e-12, "n=" + n + " " + Arrays.toString(values));
        }
    }

    @Test
    void theExactStandardErrorAgreesWithResamplingWithinItsMonteCarloError() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int n : new int[] {UNITS, UNITS + 1, 3001}) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = Math.exp(rng.nextGaussian());  // skewed, as information values are
            }
            int resamples = 3000;
            double exact = bootstrap.estimate(values, rng).standardError();
            double resampled = bootstrap.withResamples(resamples).estimate(values, new SplittableRandom(n))
                    .standardError();
            // The standard deviation of B draws has a relative Monte-Carlo error of about 1/sqrt(2(B-1)) (1.3% at
            // B = 3000) for near-normal medians; 4 of those.
            assertEquals(exact, resampled, 4 * exact / Math.sqrt(2.0 * (resamples - 1)), "n=" + n);
        }
    }

    @Test
    void estimatesTheStandardErrorOfTheMedianOfNormalValues() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] values = new double[UNITS];
        for (int i = 0; i < UNITS; i++) {
            values[i] = rng.nextGaussian();
        }
        for (BootstrapMedian method : new BootstrapMedian[] {bootstrap, bootstrap.withResamples(1000)}) {
            MedianEstimate estimate = method.estimate(values, rng);
            double expected = NORMAL_MEDIAN_SE_FACTOR / Math.sqrt(UNITS);
            assertEquals(expected, estimate.standardError(), SE_RELATIVE_TOLERANCE * expected, estimate.toString());
        }
    }

    @Test
    void theExactMethodHandlesAMillionValuesWithoutOverflow() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] values = new double[1_000_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian();
        }
        double expected = NORMAL_MEDIAN_SE_FACTOR / Math.sqrt(values.length);
        double se = bootstrap.estimate(values, rng).standardError();
        assertTrue(Double.isFinite(se), "finite");
        assertEquals(expected, se, SE_RELATIVE_TOLERANCE * expected);
    }

    @Test
    void givesTheSameResultForTheSameSeed() {
        double[] values = {0.1, 0.5, 0.2, 0.9, 0.4, 0.3};
        BootstrapMedian resampling = bootstrap.withResamples(200);
        assertEquals(resampling.estimate(values, new SplittableRandom(3)),
                resampling.estimate(values, new SplittableRandom(3)));
    }

    @Test
    void givesNanWithoutDefinedValuesAndZeroErrorWithOne() {
        for (BootstrapMedian method : new BootstrapMedian[] {bootstrap, bootstrap.withResamples(50)}) {
            MedianEstimate none = method.estimate(new double[] {Double.NaN}, new SplittableRandom(4));
            assertTrue(Double.isNaN(none.median()) && Double.isNaN(none.standardError()));
            assertEquals(1, none.undefined());
            MedianEstimate one = method.estimate(new double[] {0.7}, new SplittableRandom(4));
            assertEquals(0.7, one.median(), EXACT);
            assertEquals(0.0, one.standardError(), EXACT);
        }
    }

    @Test
    void refusesOneOrANegativeNumberOfResamples() {
        for (int resamples : new int[] {1, -5}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> bootstrap.withResamples(resamples));
            assertTrue(e.getMessage().contains("resamples"), e.getMessage());
        }
    }

    /** The standard deviation of the median over all n^n resamples, each counted once. */
    private static double enumeratedStandardError(double[] values) {
        int n = values.length;
        int[] draw = new int[n];
        double[] resample = new double[n];
        double sum = 0.0;
        double squares = 0.0;
        long count = 0;
        while (true) {
            for (int i = 0; i < n; i++) {
                resample[i] = values[draw[i]];
            }
            double median = Quartiles.of(resample).median();
            sum += median;
            squares += median * median;
            count++;
            int position = 0;
            while (position < n && ++draw[position] == n) {
                draw[position++] = 0;
            }
            if (position == n) {
                break;
            }
        }
        double mean = sum / count;
        return Math.sqrt(Math.max(0.0, squares / count - mean * mean));
    }
}
