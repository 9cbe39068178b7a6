package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Medians of per-unit quantities with bootstrap standard errors (SCIENCE.md 4.6: "absolute values and fractions
 * with bootstrap standard errors of the median").
 *
 * <p>NaN values (undefined per-unit quantities, such as f_high of a unit without stimulus information) are left out
 * and counted in {@link MedianEstimate#undefined()}. The standard error is the bootstrap's: the standard deviation
 * of the median of n values drawn uniformly with replacement from the n defined ones. By default ({@link #EXACT}) it
 * is computed in closed form from the order statistics ({@link ExactMedianBootstrap}), the limit the resampling
 * estimate tends to, in O(n log n) and without randomness; {@link #withResamples(int)} with 2 or more draws that many
 * resamples instead and takes their standard deviation ({@code n - 1} denominator). Medians follow numpy's
 * {@code 'linear'} convention ({@link Quartiles}).
 *
 * <p>Immutable; randomness arrives as a parameter (unused by the exact method). Failure behaviour:
 * {@link IllegalArgumentException} for a negative number of resamples or 1.
 *
 * <p>Reference: Efron and Tibshirani (1993), An Introduction to the Bootstrap, chapter 6 (Eq. 6.6, the bootstrap
 * estimate of standard error); Maritz and Jarrett (1978) for its closed form for the median.
 */
public final class BootstrapMedian {

    /** Resamples meaning "in closed form": the default. */
    public static final int EXACT = 0;

    private final int resamples;

    private BootstrapMedian(int resamples) {
        if (resamples < 0 || resamples == 1) {
            throw new IllegalArgumentException("resamples must be " + EXACT + " (exact) or at least 2, got "
                    + resamples);
        }
        this.resamples = resamples;
    }

    /** The exact bootstrap standard error. */
    public static BootstrapMedian withDefaults() {
        return new BootstrapMedian(EXACT);
    }

    /** Same median with {@code resamples} random resamples, or {@link #EXACT}. */
    public BootstrapMedian withResamples(int resamples) {
        return new BootstrapMedian(resamples);
    }

    /** Resamples drawn, {@link #EXACT} for the closed form. */
    public int resamples() {
        return resamples;
    }

    /** Median of the defined {@code values} and its bootstrap standard error. */
    public MedianEstimate estimate(double[] values, RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        double[] defined = defined(values, "values");
        int undefined = values.length - defined.length;
        if (defined.length == 0) {
            return new MedianEstimate(Double.NaN, Double.NaN, 0, undefined, resamples);
        }
        if (resamples == EXACT) {
            Arrays.sort(defined);
            return new MedianEstimate(Quartiles.percentile(defined, defined.length, 0.5),
                    ExactMedianBootstrap.standardError(defined), defined.length, undefined, resamples);
        }
        double[] medians = new double[resamples];
        double[] scratch = new double[defined.length];
        for (int b = 0; b < resamples; b++) {
            medians[b] = resampledMedian(defined, scratch, rng);
        }
        return new MedianEstimate(median(defined), standardDeviation(medians), defined.length, undefined,
                resamples);
    }

    private static double resampledMedian(double[] values, double[] scratch, RandomGenerator rng) {
        for (int i = 0; i < values.length; i++) {
            scratch[i] = values[rng.nextInt(values.length)];
        }
        return median(scratch);
    }

    /** Median of {@code values}, sorting them in place. */
    static double median(double[] values) {
        Arrays.sort(values);
        return Quartiles.percentile(values, values.length, 0.5);
    }

    private static double standardDeviation(double[] values) {
        double mean = 0.0;
        for (double value : values) {
            mean += value;
        }
        mean /= values.length;
        double squares = 0.0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    private static double[] defined(double[] values, String name) {
        Objects.requireNonNull(values, name);
        int n = 0;
        double[] defined = new double[values.length];
        for (double value : values) {
            if (!Double.isNaN(value)) {
                defined[n++] = value;
            }
        }
        return Arrays.copyOf(defined, n);
    }

    @Override
    public String toString() {
        return "BootstrapMedian[resamples=" + resamples + "]";
    }
}
