package org.prunedistill.extraction.stimuli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The per-trial pixel noise: a standard normal per pixel (scaled by the SD), reproducible, clipped to [0, 1]. */
class TrialRandomTest {

    private static final double SD = 0.02;
    private static final int PIXELS = 200_000;

    /** The noise of a mid-grey image in SD units (no pixel comes near a clipping bound: that takes 25 SD). */
    private static double[] standardisedNoise(long seed) {
        float[] image = new float[PIXELS];
        Arrays.fill(image, 0.5f);
        TrialRandom.addPixelNoise(image, SD, TrialRandom.of(seed, 3, 1));
        double[] z = new double[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            z[i] = (image[i] - 0.5) / SD;
        }
        return z;
    }

    @Test
    void theNoiseIsStandardNormalByKolmogorovSmirnov() {
        // The critical value at the 0.1% level is 1.95 / sqrt(n); a scale 3% off would exceed it (the variance below
        // tests the scale closer).
        double distance = NormalCdf.ksDistance(standardisedNoise(2017L));
        assertTrue(distance < 1.95 / Math.sqrt(PIXELS), "KS distance " + distance);
    }

    @Test
    void theZigguratNoiseIsStandardNormalScaledByTheSd() {
        float[] image = new float[PIXELS];
        Arrays.fill(image, 0.5f);
        TrialRandom.addZigguratPixelNoise(image, SD, TrialRandom.of(2017L, 3, 1));
        double[] z = new double[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            z[i] = (image[i] - 0.5) / SD;
        }
        double distance = NormalCdf.ksDistance(z);
        assertTrue(distance < 1.95 / Math.sqrt(PIXELS), "KS distance " + distance);
        float[] again = new float[PIXELS];
        Arrays.fill(again, 0.5f);
        TrialRandom.addZigguratPixelNoise(again, SD, TrialRandom.of(2017L, 3, 1));
        float[] other = new float[PIXELS];
        Arrays.fill(other, 0.5f);
        TrialRandom.addZigguratPixelNoise(other, SD, TrialRandom.of(2017L, 3, 2));
        assertArrayEquals(image, again);
        assertFalse(Arrays.equals(image, other));
    }

    @Test
    void theTailsHoldTheNormalShare() {
        double[] z = standardisedNoise(7L);
        long beyondThree = Arrays.stream(z).filter(value -> Math.abs(value) > 3.0).count();
        // P(|Z| > 3) = 0.0026998; binomial SD over 200,000 pixels about 23.2.
        double expected = 0.0026998 * PIXELS;
        assertTrue(Math.abs(beyondThree - expected) < 5 * Math.sqrt(expected), beyondThree + " beyond 3 SD");
        double mean = Arrays.stream(z).average().orElseThrow();
        double variance = Arrays.stream(z).map(value -> (value - mean) * (value - mean)).sum() / (PIXELS - 1);
        assertEquals(0.0, mean, 5 / Math.sqrt(PIXELS));
        assertEquals(1.0, variance, 5 * Math.sqrt(2.0 / PIXELS));
    }

    @Test
    void neighbouringPixelsAreUncorrelated() {
        double[] z = standardisedNoise(11L);
        double sum = 0.0;
        for (int i = 0; i + 1 < PIXELS; i += 2) {
            sum += z[i] * z[i + 1];
        }
        double correlation = sum / (PIXELS / 2.0);
        assertEquals(0.0, correlation, 5 / Math.sqrt(PIXELS / 2.0));
    }

    @Test
    void aTrialIsAPureFunctionOfSeedConditionAndTrial() {
        float[] first = noisyGrey(9, 1L, 4, 2);
        assertArrayEquals(first, noisyGrey(9, 1L, 4, 2));
        assertFalse(Arrays.equals(first, noisyGrey(9, 1L, 4, 3)));
        assertFalse(Arrays.equals(first, noisyGrey(9, 1L, 5, 2)));
        assertFalse(Arrays.equals(first, noisyGrey(9, 2L, 4, 2)));
    }

    @Test
    void everyPixelGetsNoise() {
        float[] image = noisyGrey(3, 5L, 0, 0);
        for (float value : image) {
            assertNotEquals(0.5f, value);
        }
    }

    @Test
    void valuesAreClippedToTheUnitInterval() {
        float[] black = new float[10_000];
        TrialRandom.addPixelNoise(black, 0.1, TrialRandom.of(1L, 0, 0));
        float[] white = new float[10_000];
        Arrays.fill(white, 1.0f);
        TrialRandom.addPixelNoise(white, 0.1, TrialRandom.of(1L, 0, 0));
        long zeros = 0;
        long ones = 0;
        for (int i = 0; i < black.length; i++) {
            assertTrue(black[i] >= 0.0f && black[i] <= 1.0f && white[i] >= 0.0f && white[i] <= 1.0f);
            zeros += black[i] == 0.0f ? 1 : 0;
            ones += white[i] == 1.0f ? 1 : 0;
        }
        // Half the deviates are negative (clipped to black) and half positive (clipped to white); binomial SD 50.
        assertEquals(5_000, zeros, 250);
        assertEquals(5_000, ones, 250);
    }

    private static float[] noisyGrey(int pixels, long seed, int condition, int trial) {
        float[] image = new float[pixels];
        Arrays.fill(image, 0.5f);
        TrialRandom.addPixelNoise(image, SD, TrialRandom.of(seed, condition, trial));
        return image;
    }
}
