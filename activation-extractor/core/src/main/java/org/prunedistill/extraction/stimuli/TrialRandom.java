package org.prunedistill.extraction.stimuli;

import java.util.SplittableRandom;

/**
 * The random stream of one rendered trial, a pure function of (seed, condition, trial), shared by the procedural
 * stimulus sets so that a seed reproduces bit-identical images on every JVM.
 */
final class TrialRandom {

    private TrialRandom() {
    }

    /** Generator for one trial; SplitMix64-style mixing so nearby triples give unrelated streams. */
    static SplittableRandom of(long seed, int conditionIndex, int trial) {
        long h = mix(seed);
        h = mix(h ^ (0x9E3779B97F4A7C15L * (conditionIndex + 1L)));
        return new SplittableRandom(mix(h ^ (0xC2B2AE3D27D4EB4FL * (trial + 1L))));
    }

    /** Uniform in [-1, 1). */
    static double symmetric(SplittableRandom random) {
        return 2.0 * random.nextDouble() - 1.0;
    }

    /** Box-Muller with StrictMath, so the noise is identical on every JVM (unlike nextGaussian's algorithm). */
    static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /**
     * Adds Gaussian noise of the given SD to every pixel, clipped to [0, 1], in place, with Box-Muller's deviates: the
     * procedural sets' noise, on which the built-in network's checkpoints were chosen and the demo's reference tables
     * recorded.
     */
    static void addPixelNoise(float[] image, double sd, SplittableRandom random) {
        for (int i = 0; i < image.length; i++) {
            image[i] = clip(image[i] + sd * gaussian(random));
        }
    }

    /** The same noise drawn by the ziggurat ({@link ZigguratGaussian}), 14 times faster: a user's images. */
    static void addZigguratPixelNoise(float[] image, double sd, SplittableRandom random) {
        for (int i = 0; i < image.length; i++) {
            image[i] = clip(image[i] + sd * ZigguratGaussian.next(random));
        }
    }

    /**
     * {@code min(1, max(0, value))} to the bit, NaN and -0 included, with comparisons: Java 17's {@code Math.min} and
     * {@code max} on doubles cost 4 ns a pixel more here (their NaN and signed-zero cases).
     */
    private static float clip(double value) {
        return (float) (value <= 0.0 ? 0.0 : value >= 1.0 ? 1.0 : value);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
