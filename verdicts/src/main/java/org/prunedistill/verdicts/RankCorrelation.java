package org.prunedistill.verdicts;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Spearman's rank correlation (Spearman 1904): Pearson's correlation of the ranks, ties given their mean rank.
 * Descriptive: reported beside a trend, never judged.
 */
final class RankCorrelation {

    private RankCorrelation() {
    }

    /**
     * Spearman's rho of {@code x} and {@code y} (equal lengths); NaN with fewer than two pairs or when either is
     * constant (no ranking to correlate).
     */
    static double spearman(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must pair up, got " + x.length + " and " + y.length);
        }
        return pearson(ranks(x), ranks(y));
    }

    /** 1-based ranks, ties sharing their mean rank. */
    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double mean = (start + end) / 2.0 + 1.0;
            for (int i = start; i <= end; i++) {
                ranks[order[i]] = mean;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static double pearson(double[] a, double[] b) {
        int n = a.length;
        if (n < 2) {
            return Double.NaN;
        }
        double meanA = Arrays.stream(a).average().orElseThrow();
        double meanB = Arrays.stream(b).average().orElseThrow();
        double covariance = 0.0;
        double varianceA = 0.0;
        double varianceB = 0.0;
        for (int i = 0; i < n; i++) {
            covariance += (a[i] - meanA) * (b[i] - meanB);
            varianceA += (a[i] - meanA) * (a[i] - meanA);
            varianceB += (b[i] - meanB) * (b[i] - meanB);
        }
        if (varianceA == 0.0 || varianceB == 0.0) {
            return Double.NaN;
        }
        return covariance / Math.sqrt(varianceA * varianceB);
    }
}
