package org.prunedistill.id;

import java.util.Arrays;
import java.util.Map;

/**
 * TwoNN intrinsic dimension by the linear fit of Facco, d'Errico, Rodriguez and Laio (2017, Sci Rep 7:12140:
 * the Pareto law F(mu) = 1 - mu^(-d) linearised as -log(1 - F) = d log mu), as in DADApy and Ansuini et al.
 * (2019); SCIENCE.md 3.2.
 *
 * <p>With mu_i = r2(i) / r1(i) sorted ascending over all N distinct points, F_emp(mu_(i)) = i / N (full N); the
 * first m = floor(f N) points are kept and, with x = log mu_(i) and y = -log(1 - i / N), the slope of the line
 * through the origin is {@code d = sum(x y) / sum(x x)}.
 *
 * <p>Policies: a ratio mu = 1 (r1 == r2) is kept with x = 0; it still takes its rank i. The point with i = N has
 * y = infinity, so at most N - 1 points are kept (this only matters for f = 1). If every kept ratio is 1 the slope is
 * unbounded and {@code id} is {@code +Infinity}. {@code error} is NaN (use subsampling for error bars, SCIENCE.md
 * 3.4); {@code scale} is the mean of (r1 + r2) / 2 over the kept points (ties at the cut resolved by lower index);
 * {@code pointsDropped = N - m}.
 *
 * <p>Immutable; {@link #estimate} throws {@link IllegalArgumentException} for k < 2, zero r1 or when floor(f N)
 * is 0.
 */
public final class TwoNnEstimator implements IdEstimator {

    /** Fraction of the smallest ratios kept by default (Facco et al. 2017; DADApy). */
    public static final double DEFAULT_FRACTION = 0.9;

    private final double fraction;

    private TwoNnEstimator(double fraction) {
        if (!(fraction > 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        this.fraction = fraction;
    }

    /** The estimator with fraction 0.9. */
    public static TwoNnEstimator withDefaults() {
        return new TwoNnEstimator(DEFAULT_FRACTION);
    }

    /** A copy keeping the given fraction {@code 0 < fraction <= 1} of the smallest ratios. */
    public TwoNnEstimator withFraction(double fraction) {
        return new TwoNnEstimator(fraction);
    }

    public double fraction() {
        return fraction;
    }

    @Override
    public String name() {
        return "twonn";
    }

    @Override
    public IdEstimate estimate(Neighbourhoods neighbourhoods) {
        double[] logMu = TwoNnRatios.logRatios(neighbourhoods);
        int n = logMu.length;
        int kept = Math.min((int) (fraction * n), n - 1);
        if (kept < 1) {
            throw new IllegalArgumentException("fraction " + fraction + " keeps no point out of " + n);
        }
        double[] sorted = logMu.clone();
        Arrays.sort(sorted);
        double id = slopeThroughOrigin(sorted, kept, n);
        double scale = keptScale(neighbourhoods, logMu, sorted[kept - 1], kept);
        return new IdEstimate(name(), id, Double.NaN, scale, kept, n - kept,
                Map.of("fraction", Double.toString(fraction)));
    }

    /** Least squares through the origin: d = sum(x y) / sum(x x), x = log mu_(i), y = -log(1 - i / n), i = 1..kept. */
    private static double slopeThroughOrigin(double[] sortedLogMu, int kept, int n) {
        double xy = 0.0;
        double xx = 0.0;
        for (int i = 1; i <= kept; i++) {
            double x = sortedLogMu[i - 1];
            double y = -Math.log1p(-(double) i / n);
            xy += x * y;
            xx += x * x;
        }
        return xx == 0.0 ? Double.POSITIVE_INFINITY : xy / xx;
    }

    /** Mean (r1 + r2) / 2 over the kept points: all below the cut value, then those at it by ascending index. */
    private static double keptScale(Neighbourhoods neighbourhoods, double[] logMu, double cut, int kept) {
        double sum = 0.0;
        int taken = 0;
        for (int i = 0; i < logMu.length; i++) {
            if (logMu[i] < cut) {
                sum += TwoNnRatios.scale(neighbourhoods, i);
                taken++;
            }
        }
        for (int i = 0; i < logMu.length && taken < kept; i++) {
            if (logMu[i] == cut) {
                sum += TwoNnRatios.scale(neighbourhoods, i);
                taken++;
            }
        }
        return sum / kept;
    }
}
