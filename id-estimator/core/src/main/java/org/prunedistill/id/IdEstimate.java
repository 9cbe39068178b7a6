package org.prunedistill.id;

import java.util.Map;

/**
 * One intrinsic-dimension estimate.
 *
 * @param estimator     {@link IdEstimator#name()} of the estimator that produced it
 * @param id            the intrinsic dimension (dimensionless; {@code +Infinity} when every ratio used is 1, see the
 *                      estimator's policy)
 * @param error         one standard error, {@code NaN} when the estimator gives none
 * @param scale         the length scale the estimate refers to, in input units (TwoNN: mean over the points used of
 *                      {@code (r1 + r2) / 2})
 * @param pointsUsed    distinct points that entered the estimate
 * @param pointsDropped distinct points left out by the estimator (for example by the TwoNN fit fraction);
 *                      {@code pointsUsed + pointsDropped} is {@link Neighbourhoods#n()}; duplicate rows are counted
 *                      in {@link Neighbourhoods#duplicatesRemoved()}, not here
 * @param parameters    the estimator's configuration as text (for example {@code fraction=0.9}); copied, immutable
 * @throws IllegalArgumentException if {@code estimator} is blank, a count is negative or {@code parameters} is null
 */
public record IdEstimate(String estimator, double id, double error, double scale, int pointsUsed, int pointsDropped,
                         Map<String, String> parameters) {

    public IdEstimate {
        if (estimator == null || estimator.isBlank()) {
            throw new IllegalArgumentException("estimator must name the estimator");
        }
        if (pointsUsed < 0 || pointsDropped < 0) {
            throw new IllegalArgumentException("pointsUsed (" + pointsUsed + ") and pointsDropped (" + pointsDropped
                    + ") must not be negative");
        }
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        parameters = Map.copyOf(parameters);
    }
}
