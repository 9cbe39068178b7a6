package org.prunedistill.extraction.training;

import java.util.SplittableRandom;

/** Seed mixing and Gaussian draws that are bit-identical on every JVM. */
public final class Seeds {

    private Seeds() {
    }

    /** A well-mixed seed for the pair (seed, key) (SplitMix64 finaliser; nearby pairs give unrelated streams). */
    public static long mix(long seed, long key) {
        long z = seed * 0x9E3779B97F4A7C15L + key + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 31)) + key * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Standard normal by Box-Muller on {@link StrictMath}. */
    public static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }
}
