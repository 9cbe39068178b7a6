package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Medians of per-unit quantities with bootstrap standard errors (SCIENCE.md 4.6: "absolute values and fractions
 * with bootstrap standard errors of the median"), and the bootstrap of the difference of two medians.
 *
 * <p>NaN values (undefined per-unit quantities, such as f_high of a unit without stimulus information) are left out
 * and counted in {@link MedianEstimate#undefined()}. Each resample draws as many values as there are defined ones,
 * uniformly with replacement; the standard error is the standard deviation of the resampled medians with an
 * {@code n - 1} denominator. Medians follow numpy's {@code 'linear'} convention ({@link Quartiles}).
 *
 * <p>Immutable; randomness arrives as a parameter. Failure behaviour: {@link IllegalArgumentException} for fewer than
 * 2 resamples.
 *
 * <p>Reference: Efron and Tibshirani (1993), An Introduction to the Bootstrap, chapter 6 (Eq. 6.6, the bootstrap
 * estimate of standard error).
 */
public final class BootstrapMedian {

    /** Resamples of {@link #withDefaults()}. */
    public static final int DEFAULT_RESAMPLES = 1000;

    private final int resamples;

    private BootstrapMedian(int resamples) {
        if (resamples < 2) {
            throw new IllegalArgumentException("resamples must be at least 2, got " + resamples);
        }
        this.resamples = resamples;
    }

    /** {@value #DEFAULT_RESAMPLES} resamples. */
    public static BootstrapMedian withDefaults() {
        return new BootstrapMedian(DEFAULT_RESAMPLES);
    }

    /** Same bootstrap with another number of resamples, at least 2. */
    public BootstrapMedian withResamples(int resamples) {
        return new BootstrapMedian(resamples);
    }

    public int resamples() {
        return resamples;
    }

    /** Median of the defined {@code values} and its bootstrap standard error. */
    public MedianEstimate estimate(double[] values, RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        double[] defined = defined(values, "values");
        double[] medians = new double[resamples];
        double[] scratch = new double[defined.length];
        for (int b = 0; b < resamples && defined.length > 0; b++) {
            medians[b] = resampledMedian(defined, scratch, rng);
        }
        return summary(defined, values.length - defined.length, medians);
    }

    /** Change of the median from {@code before} to {@code after}, with the bootstrap standard error of the change. */
    public MedianChange difference(double[] before, double[] after, RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        double[] first = defined(before, "before");
        double[] second = defined(after, "after");
        double[] firstMedians = new double[resamples];
        double[] secondMedians = new double[resamples];
        double[] differences = new double[resamples];
        double[] firstScratch = new double[first.length];
        double[] secondScratch = new double[second.length];
        boolean possible = first.length > 0 && second.length > 0;
        for (int b = 0; b < resamples && possible; b++) {
            firstMedians[b] = resampledMedian(first, firstScratch, rng);
            secondMedians[b] = resampledMedian(second, secondScratch, rng);
            differences[b] = secondMedians[b] - firstMedians[b];
        }
        MedianEstimate a = summary(first, before.length - first.length, firstMedians);
        MedianEstimate b = summary(second, after.length - second.length, secondMedians);
        return new MedianChange(a, b, b.median() - a.median(), possible ? standardDeviation(differences)
                : Double.NaN);
    }

    private MedianEstimate summary(double[] defined, int undefined, double[] medians) {
        if (defined.length == 0) {
            return new MedianEstimate(Double.NaN, Double.NaN, 0, undefined, resamples);
        }
        return new MedianEstimate(median(defined.clone()), standardDeviation(medians), defined.length, undefined,
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
