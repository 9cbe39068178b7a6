package org.prunedistill.extraction.stimuli;

import java.util.SplittableRandom;

/**
 * Standard normal deviates by Marsaglia and Tsang's ziggurat (2000) with 256 layers: one 64-bit draw and one
 * multiplication for 98.5% of the values, against a logarithm, a square root and a cosine per value for Box-Muller.
 * The layers are computed once with {@link StrictMath}, and the rare wedge and tail tests use it too, so a seed gives
 * the same values on every JVM.
 *
 * <p>The density's upper half is covered by 256 regions of equal area {@code V}: layer 0 is the rectangle
 * {@code [0, R] x [0, f(R)]} plus the tail beyond {@code R}, and layer {@code i >= 1} the rectangle
 * {@code [0, x_i] x [f(x_i), f(x_{i+1})]}, with {@code f(x) = exp(-x^2 / 2)} and {@code x_256 = 0}. A draw picks a
 * layer and a point uniformly in it: left of {@code x_{i+1}} the point is under the curve at once; right of it the
 * wedge test compares a uniform height with {@code f(x)}; in layer 0 beyond {@code R} the tail is sampled exactly
 * (Marsaglia 1964).
 */
final class ZigguratGaussian {

    private static final int LAYERS = 256;
    /** Where the tail starts, for 256 layers (Marsaglia and Tsang). */
    static final double R = 3.6541528853610088;
    /** Area of each layer: {@code R f(R)} plus the tail's area {@code sqrt(pi / 2) erfc(R / sqrt 2)}. */
    static final double V = 0.004928673233974658;

    /** Right edge of each layer ({@code X[0] = V / f(R)} makes layer 0 a rectangle of area V); X[256] = 0. */
    private static final double[] X = new double[LAYERS + 1];
    /** f at each right edge; F[256] = 1. */
    private static final double[] F = new double[LAYERS + 1];

    static {
        X[0] = V / density(R);
        X[1] = R;
        for (int i = 1; i < LAYERS - 1; i++) {
            X[i + 1] = StrictMath.sqrt(-2.0 * StrictMath.log(V / X[i] + density(X[i])));
        }
        X[LAYERS] = 0.0;
        for (int i = 0; i < LAYERS; i++) {
            F[i] = density(X[i]);
        }
        F[LAYERS] = 1.0;
    }

    private ZigguratGaussian() {
    }

    /** One standard normal deviate from the random stream. */
    static double next(SplittableRandom random) {
        while (true) {
            long bits = random.nextLong();
            int layer = (int) bits & (LAYERS - 1);
            // The top 53 bits, signed, as a uniform in [-1, 1): independent of the layer's 8 low bits.
            double u = (bits >> 11) * 0x1.0p-52;
            double x = u * X[layer];
            if (Math.abs(x) < X[layer + 1]) {
                return x;
            }
            if (layer == 0) {
                return u < 0 ? -tail(random) : tail(random);
            }
            double height = F[layer] + random.nextDouble() * (F[layer + 1] - F[layer]);
            if (height < density(x)) {
                return x;
            }
        }
    }

    /** Right edge of a layer, for tests of the construction. */
    static double edge(int layer) {
        return X[layer];
    }

    /** A deviate beyond R, exactly distributed as the normal's tail (Marsaglia 1964). */
    static double tail(SplittableRandom random) {
        while (true) {
            double a = -StrictMath.log(1.0 - random.nextDouble()) / R;
            double b = -StrictMath.log(1.0 - random.nextDouble());
            if (b + b > a * a) {
                return R + a;
            }
        }
    }

    private static double density(double x) {
        return StrictMath.exp(-0.5 * x * x);
    }
}
