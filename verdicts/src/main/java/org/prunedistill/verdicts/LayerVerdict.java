package org.prunedistill.verdicts;

/** What one layer's change says about a claim. */
public enum LayerVerdict {
    /** An end has no standard error: nothing to judge. */
    NO_ERROR_BAR,
    /** Within {@value Change#SIGNIFICANT_STANDARD_ERRORS} standard errors of the difference. */
    NOT_SIGNIFICANT,
    /** Beyond them, in the claimed direction. */
    AS_CLAIMED,
    /** Beyond them, against the claim. */
    AGAINST_CLAIM;

    /** The verdict on {@code change} for {@code claim}, by {@link Change}'s 2-standard-error rule. */
    public static LayerVerdict of(Change change, Claim claim) {
        if (!change.hasError()) {
            return NO_ERROR_BAR;
        }
        if (!change.significant()) {
            return NOT_SIGNIFICANT;
        }
        return Math.signum(change.difference()) == claim.sign() ? AS_CLAIMED : AGAINST_CLAIM;
    }
}
