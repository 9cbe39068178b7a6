package org.prunedistill.verdicts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prunedistill.verdicts.Sources.F_HIGH;
import static org.prunedistill.verdicts.Sources.LUMINANCE;
import static org.prunedistill.verdicts.Sources.layer;
import static org.prunedistill.verdicts.Sources.median;

import org.junit.jupiter.api.Test;

/** The 2-standard-error rule, on 3-4-5 triangles. */
class ChangeTest {

    /** Sums of decimals are exact to well within this. */
    private static final double EXACT = 1e-12;

    @Test
    void takesTheDifferenceWithTheHypotenuseOfTheErrorsAsItsError() {
        Change change = Change.between(median(layer("conv1", 1, "untrained"), LUMINANCE, 0.50, 0.03),
                median(layer("conv1", 1, "trained"), LUMINANCE, 0.30, 0.04));
        assertEquals(-0.20, change.difference(), EXACT);
        assertEquals(0.05, change.error(), EXACT);
        assertTrue(change.hasError());
        assertTrue(change.significant(), "0.20 > 2 x 0.05");
        assertEquals(LUMINANCE, change.measure());
    }

    @Test
    void callsAChangeOfExactlyTwoErrorsNotSignificant() {
        // errors 0.3 and 0.4: 0.5; a difference of 1.0 is exactly 2 errors, not beyond.
        Change change = Change.between(median(layer("conv1", 1, "untrained"), LUMINANCE, 1.5, 0.3),
                median(layer("conv1", 1, "trained"), LUMINANCE, 0.5, 0.4));
        assertEquals(0.5, change.error(), EXACT);
        assertFalse(change.significant());
        Change beyond = Change.between(median(layer("conv1", 1, "untrained"), LUMINANCE, 1.5, 0.3),
                median(layer("conv1", 1, "trained"), LUMINANCE, 0.49, 0.4));
        assertTrue(beyond.significant());
    }

    @Test
    void givesNoErrorAndNoSignificanceWhenAnEndLacksAnError() {
        Change change = Change.between(median(layer("conv1", 1, "untrained"), LUMINANCE, 0.5, 0.01),
                median(layer("conv1", 1, "trained"), LUMINANCE, 0.1, Double.NaN));
        assertEquals(-0.4, change.difference(), EXACT);
        assertFalse(change.hasError());
        assertFalse(change.significant());
    }

    @Test
    void refusesToCompareTwoMeasures() {
        assertThrows(IllegalArgumentException.class, () -> Change.between(
                median(layer("conv1", 1, "untrained"), LUMINANCE, 0.5, 0.01),
                median(layer("conv1", 1, "trained"), F_HIGH, 0.1, 0.01)));
    }

    @Test
    void judgesAChangeAgainstTheClaimedDirection() {
        Change fall = Change.between(median(layer("conv1", 1, "untrained"), LUMINANCE, 0.50, 0.03),
                median(layer("conv1", 1, "trained"), LUMINANCE, 0.30, 0.04));
        assertEquals(Verdict.YES, verdict(fall, Claim.DECREASE));
        assertEquals(Verdict.OPPOSITE, verdict(fall, Claim.INCREASE));
        assertEquals(Verdict.YES, verdict(fall, null), "with no claimed direction, any change beyond 2 SE");
        Change small = Change.between(median(layer("conv1", 1, "untrained"), LUMINANCE, 0.50, 0.03),
                median(layer("conv1", 1, "trained"), LUMINANCE, 0.45, 0.04));
        assertEquals(Verdict.NO, verdict(small, Claim.DECREASE));
        Change bare = Change.between(median(layer("conv1", 1, "untrained"), LUMINANCE, 0.50, Double.NaN),
                median(layer("conv1", 1, "trained"), LUMINANCE, 0.10, 0.04));
        assertEquals(Verdict.NOT_EVALUATED, verdict(bare, Claim.DECREASE));
    }

    private static Verdict verdict(Change change, Claim claim) {
        return Verdict.of(change.difference(), change.error(), claim);
    }
}
