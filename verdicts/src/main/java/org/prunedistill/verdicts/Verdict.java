package org.prunedistill.verdicts;

/**
 * What a signed difference with its standard error says about a claimed direction (SCIENCE.md 4.8): a layer's change
 * along training, a trend along the hierarchy, or the difference between the trained and the untrained trend. One
 * vocabulary for all three, judged by {@link Change#isSignificant}.
 */
public enum Verdict {
    /** Beyond 2 SE in the claimed direction (with no claimed direction: beyond 2 SE either way). */
    YES,
    /** Within 2 SE. */
    NO,
    /** Beyond 2 SE against the claimed direction. */
    OPPOSITE,
    /** Nothing to judge: no error, or too few positions; the verdict's reason says which. */
    NOT_EVALUATED;

    /**
     * The verdict on {@code difference} +- {@code error}.
     *
     * @param error standard error of the difference; NaN for none (then {@link #NOT_EVALUATED})
     * @param claim the claimed direction; null when none is claimed (the question is whether it differs at all)
     */
    public static Verdict of(double difference, double error, Claim claim) {
        if (Double.isNaN(error)) {
            return NOT_EVALUATED;
        }
        if (!Change.isSignificant(difference, error)) {
            return NO;
        }
        return claim == null || Math.signum(difference) == claim.sign() ? YES : OPPOSITE;
    }
}
