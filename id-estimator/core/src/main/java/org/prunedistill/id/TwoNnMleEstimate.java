package org.prunedistill.id;

/**
 * A TwoNN maximum-likelihood estimate with its confidence interval.
 *
 * @param estimate the estimate; its error is the interval's half-width divided by the normal quantile
 *                 z(1 - alpha / 2)
 * @param ciLow    lower end of the (1 - alpha) interval for the intrinsic dimension
 * @param ciHigh   upper end of the interval
 */
public record TwoNnMleEstimate(IdEstimate estimate, double ciLow, double ciHigh) {

    public TwoNnMleEstimate {
        if (estimate == null) {
            throw new IllegalArgumentException("estimate must not be null");
        }
    }
}
