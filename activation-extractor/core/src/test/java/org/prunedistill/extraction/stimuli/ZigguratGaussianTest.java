package org.prunedistill.extraction.stimuli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ziggurat's layers and the distribution of its deviates. */
class ZigguratGaussianTest {

    private static double density(double x) {
        return Math.exp(-0.5 * x * x);
    }

    @Test
    void theLayersHaveEqualAreasAndCloseAtTheTop() {
        assertEquals(ZigguratGaussian.V, ZigguratGaussian.edge(0) * density(ZigguratGaussian.R), 1e-15);
        for (int i = 1; i < 256; i++) {
            double area = ZigguratGaussian.edge(i) * (density(ZigguratGaussian.edge(i + 1))
                    - density(ZigguratGaussian.edge(i)));
            assertEquals(ZigguratGaussian.V, area, ZigguratGaussian.V * 1e-6, "layer " + i);
            assertTrue(ZigguratGaussian.edge(i + 1) < ZigguratGaussian.edge(i), "edges decrease at " + i);
        }
        assertEquals(0.0, ZigguratGaussian.edge(256));
        // The top layer's height reaches the mode: V / x_255 + f(x_255) = 1 when R is the right start.
        double top = ZigguratGaussian.V / ZigguratGaussian.edge(255) + density(ZigguratGaussian.edge(255));
        assertEquals(1.0, top, 1e-9);
    }

    @Test
    void theAreaIsTheBaseRectangleAndTheTail() {
        // Simpson's rule on [R, R + 12], where the density has fallen below 1e-40 of its value at R.
        int steps = 200_000;
        double h = 12.0 / steps;
        double sum = density(ZigguratGaussian.R) + density(ZigguratGaussian.R + 12.0);
        for (int i = 1; i < steps; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * density(ZigguratGaussian.R + i * h);
        }
        double tail = sum * h / 3;
        assertEquals(ZigguratGaussian.V, ZigguratGaussian.R * density(ZigguratGaussian.R) + tail, 1e-14);
    }

    @Test
    void deviatesAreStandardNormalByKolmogorovSmirnov() {
        SplittableRandom random = new SplittableRandom(42L);
        double[] sample = new double[1_000_000];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = ZigguratGaussian.next(random);
        }
        double distance = NormalCdf.ksDistance(sample);
        // 0.1% critical value 1.95 / sqrt(n) = 0.00195: a wedge or layer off by a fraction of a percent exceeds it.
        assertTrue(distance < 1.95 / Math.sqrt(sample.length), "KS distance " + distance);
    }

    @Test
    void everyRegionHoldsItsNormalShare() {
        // Bins 0.1 wide over |z| up to 4, then one beyond (253 expected): a chi-square over 4 million deviates, which
        // sees a layer's rectangle, its wedge or the tail beyond R = 3.654 drawn with the wrong weight.
        SplittableRandom random = new SplittableRandom(7L);
        int n = 4_000_000;
        int bins = 41;
        long[] counts = new long[bins];
        long negative = 0;
        for (int i = 0; i < n; i++) {
            double z = ZigguratGaussian.next(random);
            negative += z < 0 ? 1 : 0;
            counts[Math.min(bins - 1, (int) (Math.abs(z) / 0.1))]++;
        }
        double chiSquare = 0.0;
        for (int b = 0; b < bins; b++) {
            double upper = b == bins - 1 ? 1.0 : 2 * NormalCdf.of((b + 1) * 0.1) - 1;
            double expected = n * (upper - (2 * NormalCdf.of(b * 0.1) - 1));
            chiSquare += (counts[b] - expected) * (counts[b] - expected) / expected;
        }
        // 40 degrees of freedom: the 0.1% critical value is 73.4.
        assertTrue(chiSquare < 73.4, "chi-square " + chiSquare);
        long beyondR = 0;
        for (int b = 37; b < bins; b++) {
            beyondR += counts[b];
        }
        // P(|Z| > 3.7) = 2.157e-4: 863 expected, binomial SD 29.
        assertEquals(863, beyondR, 5 * 29);
        assertEquals(n / 2.0, negative, 5 * Math.sqrt(n / 4.0));
    }

    @Test
    void theTailFollowsTheNormalBeyondR() {
        SplittableRandom random = new SplittableRandom(11L);
        int n = 100_000;
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = ZigguratGaussian.tail(random);
        }
        java.util.Arrays.sort(sorted);
        assertTrue(sorted[0] >= ZigguratGaussian.R);
        // KS against the normal conditioned on Z > R: 1 - (1 - Phi(x)) / (1 - Phi(R)).
        double beyondR = 1.0 - NormalCdf.of(ZigguratGaussian.R);
        double distance = 0.0;
        for (int i = 0; i < n; i++) {
            double cdf = 1.0 - (1.0 - NormalCdf.of(sorted[i])) / beyondR;
            distance = Math.max(distance, Math.max((i + 1.0) / n - cdf, cdf - (double) i / n));
        }
        assertTrue(distance < 1.95 / Math.sqrt(n), "KS distance " + distance);
    }
}
