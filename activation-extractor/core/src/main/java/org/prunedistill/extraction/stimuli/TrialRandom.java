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

    /** Adds Gaussian noise of the given SD to every pixel, clipped to [0, 1], in place. */
    static void addPixelNoise(float[] image, double sd, SplittableRandom random) {
        for (int i = 0; i < image.length; i++) {
            double noisy = image[i] + sd * gaussian(random);
            image[i] = (float) Math.min(1.0, Math.max(0.0, noisy));
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
