package org.prunedistill.id;

import java.util.Arrays;

/**
 * The GRIDE likelihood of Denti, Doimo, Laio and Mira (2022, Sci Rep 12:20005), SCIENCE.md 3.5: for orders
 * n1 &lt; n2 the ratios mu_i = r_n2(i) / r_n1(i) have density
 * {@code f(mu | d) = d (mu^d - 1)^(n2-n1-1) / (B(n2-n1, n1) mu^((n2-1) d + 1))}.
 *
 * <p>With (N - 1) log d in the log-likelihood (the unbiased form, so that GRIDE(1, 2) is the TwoNN MLE), the
 * negative score is {@code -l'(d) = sum_i [(n1 - n2 + 1) / (1 - mu_i^(-d)) + n2 - 1] log mu_i - (N - 1) / d},
 * increasing in d; its root is found by bisection. The Fisher information is
 * {@code I(d) = N / d^2 + (n2 - n1 - 1) sum_i (log mu_i)^2 mu_i^(-d) / (1 - mu_i^(-d))^2}.
 */
final class GrideLikelihood {

    /** Bisection bracket and tolerance on d (DADApy's d0, d1, eps). */
    static final double LOWEST_DIMENSION = 0.001;
    static final double HIGHEST_DIMENSION = 1000.0;
    static final double TOLERANCE = 1e-7;
    /** A ratio of exactly 1 (r_n1 == r_n2) would make 1 - mu^(-d) vanish: it is nudged to 1 + 10 eps. */
    static final double UNIT_RATIO_NUDGE = 1.0 + 10.0 * Math.ulp(1.0);
    /** Floor of 1 - mu^(-d) in the score (twice the bisection tolerance) and in the Fisher information (5 eps). */
    private static final double SCORE_FLOOR = 2.0 * TOLERANCE;
    private static final double FISHER_FLOOR = 5.0 * Math.ulp(1.0);
    /** Overlap filter: ratios at or above q50 + 20 (q95 - q50) are dropped (very likely overlapping points). */
    private static final double OVERLAP_SPREADS = 20.0;

    private GrideLikelihood() {
    }

    /** The ratios r_n2 / r_n1 of every point, 1 nudged to 1 + 10 eps. */
    static double[] ratios(Neighbourhoods neighbourhoods, int n1, int n2) {
        double[][] distances = neighbourhoods.distances();
        double[] mu = new double[distances.length];
        for (int i = 0; i < mu.length; i++) {
            double near = distances[i][n1 - 1];
            if (near == 0.0) {
                throw new IllegalArgumentException("neighbourhoods: point " + i + " has a zero distance to its "
                        + n1 + "-th neighbour (duplicate rows); compute them with NearestNeighbours");
            }
            double ratio = distances[i][n2 - 1] / near;
            mu[i] = ratio == 1.0 ? UNIT_RATIO_NUDGE : ratio;
        }
        return mu;
    }

    /**
     * The ratios below q50 + 20 (q95 - q50) (percentiles by linear interpolation, as numpy's default). When q95 equals
     * q50 there is no spread to judge overlaps by and every ratio is kept.
     */
    static double[] withoutOverlaps(double[] mu) {
        double[] sorted = mu.clone();
        Arrays.sort(sorted);
        double median = percentile(sorted, 50.0);
        double spread = percentile(sorted, 95.0) - median;
        if (!(spread > 0.0)) {
            return mu.clone();
        }
        double threshold = median + OVERLAP_SPREADS * spread;
        return Arrays.stream(mu).filter(value -> value < threshold).toArray();
    }

    /** The q-th percentile of ascending values, linear interpolation between closest ranks. */
    static double percentile(double[] sorted, double q) {
        double position = q / 100.0 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double weight = position - below;
        return sorted[below] + weight * (sorted[above] - sorted[below]);
    }

    /**
     * The maximum-likelihood d: bisection of -l'(d) on [0.001, 1000] until the bracket is narrower than 1e-7,
     * returning its midpoint. Without a sign change in the bracket the estimate is the end towards which the
     * likelihood rises (every ratio 1 + 10 eps gives 1000); DADApy's bisection would drift to 0.001 instead.
     */
    static double maximise(double[] mu, int n1, int n2) {
        double low = LOWEST_DIMENSION;
        double high = HIGHEST_DIMENSION;
        double atHigh = negativeScore(high, mu, n1, n2);
        if (atHigh < 0.0) {
            return HIGHEST_DIMENSION;
        }
        if (negativeScore(low, mu, n1, n2) > 0.0) {
            return LOWEST_DIMENSION;
        }
        while (Math.abs(high - low) > TOLERANCE) {
            double middle = 0.5 * (low + high);
            if (negativeScore(middle, mu, n1, n2) * atHigh > 0.0) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return 0.5 * (low + high);
    }

    /** -l'(d), with 1 - mu^(-d) floored at 2e-7 so that ratios close to 1 stay finite at small d. */
    static double negativeScore(double d, double[] mu, int n1, int n2) {
        double sum = 0.0;
        for (double value : mu) {
            double complement = Math.max(1.0 - Math.pow(value, -d), SCORE_FLOOR);
            sum += ((n1 - n2 + 1) / complement + n2 - 1) * Math.log(value);
        }
        return sum - (mu.length - 1) / d;
    }

    /** I(d) over the given ratios, 1 - mu^(-d) floored at 5 eps. */
    static double fisherInformation(double d, double[] mu, int n1, int n2) {
        double sum = 0.0;
        for (double value : mu) {
            double power = Math.pow(value, -d);
            double complement = Math.max(1.0 - power, FISHER_FLOOR);
            double logMu = Math.log(value);
            sum += logMu * logMu * power / (complement * complement);
        }
        return mu.length / (d * d) + (n2 - n1 - 1) * sum;
    }
}
