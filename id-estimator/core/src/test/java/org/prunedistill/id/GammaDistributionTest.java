package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GammaDistributionTest {

    static final double CLOSED_FORM_TOLERANCE = 1e-12;
    /** Printed chi-square tables give 6 significant decimals. */
    static final double TABLE_TOLERANCE = 1e-6;
    static final double ROUND_TRIP_TOLERANCE = 1e-10;
    /** Wilson-Hilferty is accurate to O(1/shape) absolute; at shape 1e6 far below this. */
    static final double WILSON_HILFERTY_TOLERANCE = 1e-2;

    @Test
    void lnGammaMatchesFactorialsAndHalfIntegers() {
        assertEquals(0.0, GammaDistribution.lnGamma(1.0), CLOSED_FORM_TOLERANCE);
        assertEquals(0.0, GammaDistribution.lnGamma(2.0), CLOSED_FORM_TOLERANCE);
        assertEquals(Math.log(362_880.0), GammaDistribution.lnGamma(10.0), CLOSED_FORM_TOLERANCE);
        assertEquals(0.5 * Math.log(Math.PI), GammaDistribution.lnGamma(0.5), CLOSED_FORM_TOLERANCE);
        assertEquals(Math.log(0.75 * Math.sqrt(Math.PI)), GammaDistribution.lnGamma(2.5), CLOSED_FORM_TOLERANCE);
        assertEquals(logFactorial(99), GammaDistribution.lnGamma(100.0), 1e-10);
    }

    @Test
    void shapeOneIsTheExponentialDistribution() {
        double rate = 2.5;
        GammaDistribution exponential = new GammaDistribution(1.0, rate);
        for (double p : new double[] {1e-6, 0.025, 0.3, 0.5, 0.9, 0.975, 0.999999}) {
            double expected = -Math.log1p(-p) / rate;
            assertEquals(expected, exponential.quantile(p), CLOSED_FORM_TOLERANCE * Math.max(1.0, expected));
        }
        for (double x : new double[] {0.01, 0.4, 1.0, 3.0, 12.0}) {
            assertEquals(-Math.expm1(-rate * x), exponential.cdf(x), CLOSED_FORM_TOLERANCE);
        }
    }

    @Test
    void shapeTwoMatchesItsClosedFormCdf() {
        GammaDistribution gamma = new GammaDistribution(2.0, 1.0);
        for (double x : new double[] {0.1, 1.0, 2.9, 3.1, 10.0}) {
            assertEquals(1.0 - Math.exp(-x) * (1.0 + x), gamma.cdf(x), CLOSED_FORM_TOLERANCE);
        }
    }

    @Test
    void halfShapeGivesTheErrorFunction() {
        assertEquals(0.8427007929497149, GammaDistribution.regularizedLowerGamma(0.5, 1.0), CLOSED_FORM_TOLERANCE);
        assertEquals(0.9953222650189527, GammaDistribution.regularizedLowerGamma(0.5, 4.0), CLOSED_FORM_TOLERANCE);
        assertEquals(1.0 - 0.9953222650189527, GammaDistribution.regularizedUpperGamma(0.5, 4.0),
                CLOSED_FORM_TOLERANCE);
    }

    @Test
    void reproducesChiSquareTables() {
        assertEquals(3.841459, chiSquareQuantile(1, 0.95), TABLE_TOLERANCE);
        assertEquals(5.991465, chiSquareQuantile(2, 0.95), TABLE_TOLERANCE);
        assertEquals(11.070498, chiSquareQuantile(5, 0.95), TABLE_TOLERANCE);
        assertEquals(3.940299, chiSquareQuantile(10, 0.05), TABLE_TOLERANCE);
        assertEquals(18.307038, chiSquareQuantile(10, 0.95), TABLE_TOLERANCE);
        assertEquals(43.772972, chiSquareQuantile(30, 0.95), TABLE_TOLERANCE);
        assertEquals(74.221927, chiSquareQuantile(100, 0.025), TABLE_TOLERANCE);
        assertEquals(129.561197, chiSquareQuantile(100, 0.975), TABLE_TOLERANCE);
    }

    @Test
    void invertsItsCdfForAMillionPoints() {
        double shape = 1e6;
        GammaDistribution gamma = new GammaDistribution(shape, shape - 1.0);
        for (double p : new double[] {0.005, 0.025, 0.5, 0.975, 0.995}) {
            assertEquals(p, gamma.cdf(gamma.quantile(p)), ROUND_TRIP_TOLERANCE);
            double z = StandardNormal.quantile(p);
            double wilsonHilferty = shape * Math.pow(1.0 - 1.0 / (9.0 * shape) + z / (3.0 * Math.sqrt(shape)), 3);
            assertEquals(wilsonHilferty, new GammaDistribution(shape, 1.0).quantile(p), WILSON_HILFERTY_TOLERANCE);
        }
    }

    @Test
    void rejectsInvalidParameters() {
        assertThrows(IllegalArgumentException.class, () -> new GammaDistribution(0.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new GammaDistribution(1.0, -1.0));
        assertThrows(IllegalArgumentException.class, () -> new GammaDistribution(1.0, 1.0).quantile(1.0));
    }

    /** Chi-square with k degrees of freedom is Gamma(shape k/2, rate 1/2). */
    private static double chiSquareQuantile(int degreesOfFreedom, double p) {
        return new GammaDistribution(degreesOfFreedom / 2.0, 0.5).quantile(p);
    }

    private static double logFactorial(int n) {
        double sum = 0.0;
        for (int i = 2; i <= n; i++) {
            sum += Math.log(i);
        }
        return sum;
    }
}
