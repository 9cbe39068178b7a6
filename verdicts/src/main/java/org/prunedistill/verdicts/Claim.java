package org.prunedistill.verdicts;

/** The direction of change along training that the paper claims for a measure. */
public enum Claim {
    DECREASE(-1),
    INCREASE(+1);

    private final int sign;

    Claim(int sign) {
        this.sign = sign;
    }

    /** -1 for a decrease, +1 for an increase. */
    public int sign() {
        return sign;
    }
}
