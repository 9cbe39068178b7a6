package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignificantShareTest {

    @Test
    void countsUnitsStrictlyBelowAlphaAmongTheTestedOnes() {
        SignificantShare share = SignificantShare.of(new double[] {0.01, 0.05, 0.2, Double.NaN, 0.049}, 0.05);

        assertEquals(2, share.significant());
        assertEquals(4, share.tested());
        assertEquals(1, share.untested());
        assertEquals(0.5, share.share(), 1e-15);
    }

    @Test
    void givesNanWhenNothingWasTested() {
        assertTrue(Double.isNaN(SignificantShare.of(new double[] {Double.NaN}, 0.05).share()));
    }

    @Test
    void refusesAnAlphaOutsideTheUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignificantShare.of(new double[] {0.1}, 0.0));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
    }
}
