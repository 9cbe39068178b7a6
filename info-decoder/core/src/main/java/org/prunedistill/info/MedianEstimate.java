package org.prunedistill.info;

/**
 * The median of a per-unit quantity over the units of one source, with its bootstrap standard error.
 *
 * @param median        median over the defined (non-NaN) values, numpy {@code 'linear'} convention; NaN if none
 * @param standardError the bootstrap standard error of the median (exact, or over resamples); NaN if there
 *                      are no defined values, 0 with one
 * @param units         number of defined values used
 * @param undefined     number of NaN values left out (for example units with f_high undefined)
 * @param resamples     bootstrap resamples drawn; {@link BootstrapMedian#EXACT} (0) for the closed form
 */
public record MedianEstimate(double median, double standardError, int units, int undefined, int resamples) {
}
