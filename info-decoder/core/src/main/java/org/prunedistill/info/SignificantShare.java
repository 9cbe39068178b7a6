package org.prunedistill.info;

import java.util.Objects;

/**
 * The share of a source's units whose permutation p-value is below {@code alpha} (SCIENCE.md 4.3, "significance").
 * Units with a NaN p-value (not tested) are left out of both counts and reported in {@code untested}.
 *
 * @param share       {@code significant / tested}, NaN when nothing was tested
 * @param significant units with {@code p < alpha}
 * @param tested      units with a p-value
 * @param untested    units with a NaN p-value
 * @param alpha       the significance level used
 */
public record SignificantShare(double share, int significant, int tested, int untested, double alpha) {

    /** Significance level 0.05. */
    public static final double DEFAULT_ALPHA = 0.05;

    /**
     * Counts the units below {@code alpha}.
     *
     * @throws IllegalArgumentException if {@code alpha} is not in (0, 1]
     */
    public static SignificantShare of(double[] pValues, double alpha) {
        Objects.requireNonNull(pValues, "pValues");
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        int significant = 0;
        int tested = 0;
        for (double p : pValues) {
            if (!Double.isNaN(p)) {
                tested++;
                significant += p < alpha ? 1 : 0;
            }
        }
        double share = tested == 0 ? Double.NaN : (double) significant / tested;
        return new SignificantShare(share, significant, tested, pValues.length - tested, alpha);
    }
}
