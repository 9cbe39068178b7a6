package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StandardNormalTest {

    static final double TOLERANCE = 1e-12;

    @Test
    void reproducesTabulatedQuantiles() {
        assertEquals(0.0, StandardNormal.quantile(0.5), TOLERANCE);
        assertEquals(1.959963984540054, StandardNormal.quantile(0.975), TOLERANCE);
        assertEquals(2.5758293035489, StandardNormal.quantile(0.995), TOLERANCE);
        assertEquals(1.0, StandardNormal.quantile(0.8413447460685429), TOLERANCE);
    }

    @Test
    void isSymmetricAboutZero() {
        assertEquals(-StandardNormal.quantile(0.975), StandardNormal.quantile(0.025), TOLERANCE);
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> StandardNormal.quantile(0.0));
        assertThrows(IllegalArgumentException.class, () -> StandardNormal.quantile(1.0));
    }
}
