package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;

/**
 * The 25th, 50th and 75th percentiles of a sample, as used to summarise per-unit information over a layer.
 *
 * <p>Percentiles interpolate linearly between order statistics at position {@code q (n - 1)} (numpy's default
 * {@code method='linear'}, Hyndman and Fan 1996 definition 7, including numpy's two-sided interpolation formula).
 * NaN values are ignored; an empty sample (or all NaN) gives NaN for all three.
 *
 * @param q25    25th percentile
 * @param median 50th percentile
 * @param q75    75th percentile
 */
public record Quartiles(double q25, double median, double q75) {

    /** Quartiles of the non-NaN {@code values}. */
    public static Quartiles of(double[] values) {
        Objects.requireNonNull(values, "values");
        double[] sorted = new double[values.length];
        int n = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                sorted[n++] = value;
            }
        }
        if (n == 0) {
            return new Quartiles(Double.NaN, Double.NaN, Double.NaN);
        }
        Arrays.sort(sorted, 0, n);
        return new Quartiles(percentile(sorted, n, 0.25), percentile(sorted, n, 0.5), percentile(sorted, n, 0.75));
    }

    /** Linear-interpolation quantile {@code q} of the first {@code n} (sorted) values. */
    static double percentile(double[] sorted, int n, double q) {
        double position = q * (n - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, n - 1);
        double t = position - below;
        double a = sorted[below];
        double b = sorted[above];
        if (t == 0.0 || a == b) {
            return a;
        }
        double difference = b - a;
        return t >= 0.5 ? b - difference * (1.0 - t) : a + difference * t;
    }
}
