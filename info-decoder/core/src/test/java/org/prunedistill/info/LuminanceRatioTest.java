package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LuminanceRatioTest {

    private static final int[] OBJECTS = {0, 0, 1, 1, 2, 2};

    @Test
    void dividesTheDimmerObjectsMeanByTheBrighterOnes() {
        double[] luminance = {40, 60, 30, 50, 0, 0};
        // Means 50 and 40: 40 / 50 in either order.
        assertEquals(0.8, LuminanceRatio.of(OBJECTS, luminance, 0, 1), 1e-15);
        assertEquals(0.8, LuminanceRatio.of(OBJECTS, luminance, 1, 0), 1e-15);
        assertEquals(0.0, LuminanceRatio.of(OBJECTS, luminance, 0, 2), 0.0);
        assertTrue(Double.isNaN(LuminanceRatio.of(OBJECTS, new double[6], 0, 1)), "both dark: undefined");
    }

    @Test
    void passesOnlyStrictlyAboveTheThreshold() {
        assertTrue(LuminanceRatio.passes(0.81, 0.8));
        assertFalse(LuminanceRatio.passes(0.8, 0.8));
        assertFalse(LuminanceRatio.passes(Double.NaN, 0.8));
    }

    @Test
    void refusesAnObjectWithoutConditionsAndMismatchedLengths() {
        assertEquals("object 7 has no condition", assertThrows(IllegalArgumentException.class,
                () -> LuminanceRatio.of(OBJECTS, new double[6], 0, 7)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LuminanceRatio.of(OBJECTS, new double[5], 0, 1));
    }
}
