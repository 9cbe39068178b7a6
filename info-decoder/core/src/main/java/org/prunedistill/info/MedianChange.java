package org.prunedistill.info;

/**
 * The change of the median of a per-unit quantity from one source to another (an earlier and a later checkpoint
 * of a layer, or one area and the next), SCIENCE.md 4.6.
 *
 * @param before        median of the earlier source
 * @param after         median of the later source
 * @param change        {@code after.median - before.median}
 * @param standardError bootstrap standard error of the change: the standard deviation (n - 1 denominator) over
 *                      resamples of {@code median(after*) - median(before*)}, each source resampled independently
 */
public record MedianChange(MedianEstimate before, MedianEstimate after, double change, double standardError) {

    /** Whether the change exceeds {@code standardErrors} standard errors upwards (false when NaN). */
    public boolean increased(double standardErrors) {
        return change > standardErrors * standardError;
    }

    /** Whether the change exceeds {@code standardErrors} standard errors downwards (false when NaN). */
    public boolean decreased(double standardErrors) {
        return change < -standardErrors * standardError;
    }
}
