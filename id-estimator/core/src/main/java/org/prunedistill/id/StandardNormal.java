package org.prunedistill.id;

/**
 * Quantiles of the standard normal distribution, through Phi(z) = (1 + P(1/2, z^2 / 2)) / 2 for z >= 0
 * (since erf(x) = P(1/2, x^2)), inverted by bisection.
 * Accuracy is limited by that of {@link GammaDistribution#regularizedLowerGamma}, about 1e-15.
 */
final class StandardNormal {

    private static final double UPPER_BOUND = 40.0;
    private static final int BISECTIONS = 200;

    private StandardNormal() {
    }

    /** The z with Phi(z) = p, for 0 < p < 1. */
    static double quantile(double p) {
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        if (p < 0.5) {
            return -quantile(1.0 - p);
        }
        double target = 2.0 * p - 1.0;
        double low = 0.0;
        double high = UPPER_BOUND;
        for (int i = 0; i < BISECTIONS && high - low > Math.ulp(high); i++) {
            double middle = 0.5 * (low + high);
            if (GammaDistribution.regularizedLowerGamma(0.5, 0.5 * middle * middle) < target) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return 0.5 * (low + high);
    }
}
