package org.prunedistill.extraction.stimuli;

/** The standard normal CDF for the noise tests. */
final class NormalCdf {

    private NormalCdf() {
    }

    /**
     * {@code erfc(-x / sqrt 2) / 2} with the Chebyshev fit of erfc of Numerical Recipes (relative error below 1.2e-7
     * everywhere, far below the distances and bin counts the tests resolve).
     */
    static double of(double x) {
        double z = Math.abs(x) / Math.sqrt(2.0);
        double t = 1.0 / (1.0 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return x >= 0 ? 1.0 - 0.5 * erfc : 0.5 * erfc;
    }

    /** Kolmogorov-Smirnov distance of a sample (sorted in place) from the standard normal. */
    static double ksDistance(double[] sample) {
        java.util.Arrays.sort(sample);
        int n = sample.length;
        double distance = 0.0;
        for (int i = 0; i < n; i++) {
            double cdf = of(sample[i]);
            distance = Math.max(distance, Math.max((i + 1.0) / n - cdf, cdf - (double) i / n));
        }
        return distance;
    }
}
