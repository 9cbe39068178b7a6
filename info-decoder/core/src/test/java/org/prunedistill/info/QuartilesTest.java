package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected values from NumPy 2.4.6 {@code np.nanpercentile(values, [25, 50, 75])} (method 'linear'). */
class QuartilesTest {

    private static final double TOLERANCE = 1e-15;

    @Test
    void interpolatesLinearlyBetweenOrderStatisticsLikeNumpy() {
        assertQuartiles(new Quartiles(1.75, 2.5, 3.25), Quartiles.of(new double[] {4, 1, 3, 2}));
        assertQuartiles(new Quartiles(0.15000000000000002, 0.3, 0.45),
                Quartiles.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 10.0, -3.0}));
    }

    @Test
    void ignoresNotANumberValues() {
        assertQuartiles(new Quartiles(2, 4, 7), Quartiles.of(new double[] {7, 1, 4, Double.NaN, 2, 9}));
    }

    @Test
    void givesTheValueItselfForASingleValue() {
        assertQuartiles(new Quartiles(3.5, 3.5, 3.5), Quartiles.of(new double[] {3.5}));
    }

    @Test
    void isNotANumberForAnEmptySample() {
        Quartiles empty = Quartiles.of(new double[0]);
        assertTrue(Double.isNaN(empty.q25()) && Double.isNaN(empty.median()) && Double.isNaN(empty.q75()));
        Quartiles allMissing = Quartiles.of(new double[] {Double.NaN, Double.NaN});
        assertTrue(Double.isNaN(allMissing.median()));
    }

    private static void assertQuartiles(Quartiles expected, Quartiles actual) {
        assertEquals(expected.q25(), actual.q25(), TOLERANCE);
        assertEquals(expected.median(), actual.median(), TOLERANCE);
        assertEquals(expected.q75(), actual.q75(), TOLERANCE);
    }
}
