package org.prunedistill.id.nd4j;

/**
 * A rigorous lower bound on the true Euclidean distance of a pair from its screened squared distance, used to prove
 * that no point outside a candidate list can be among the k nearest (so the float32 screening never changes the
 * result).
 *
 * <p>Screening works on centred points {@code x' = fl32(x - m)} (any fixed m: distances are translation invariant)
 * with key {@code s = |x'|^2 + |y'|^2 - 2 fl32(x'.y')}, norms in double. Error terms (u = 2^-24, Higham 2002,
 * "Accuracy and Stability of Numerical Algorithms", eq. 3.5 for inner products):
 * <ul>
 *     <li>the float32 inner product: |fl(x'.y') - x'.y'| &lt;= gamma_h |x'| |y'|, gamma_h = h u / (1 - h u), where h
 *     bounds the additions any product goes through: at most {@code chunk} inside a chunk (or a BLAS K-panel, assumed
 *     at least {@link #MIN_PANEL} wide), plus one per chunk or panel: h = max(c + ceil(d/c)) over c in
 *     [{@link #MIN_PANEL}, chunk];</li>
 *     <li>the double norms and key: relative (d + 4) 2^-53, negligible but counted;</li>
 *     <li>centring: |x' - (x - m)| &lt;= 1.0001 u |x - m| per point, so true distances differ from centred ones by at
 *     most 1.0002 u (|x'| + |y'|).</li>
 * </ul>
 * The exact distances themselves are double sums of d squares, relative error at most (d + 3) 2^-53; comparisons
 * against them are widened by that much.
 */
final class ScreeningBound {

    /** Narrowest K-panel assumed of the BLAS sgemm kernel (OpenBLAS uses hundreds). */
    static final int MIN_PANEL = 64;
    private static final double UNIT_FLOAT = 0x1p-24;
    private static final double UNIT_DOUBLE = 0x1p-53;
    private static final double CENTRING = 1.0002 * UNIT_FLOAT;

    private final double gamma;
    private final double doubleRelative;
    private final double maxNorm;

    /**
     * @param d       features
     * @param chunk   features per accumulated chunk
     * @param maxNorm largest centred norm |x'| over all points
     */
    ScreeningBound(int d, int chunk, double maxNorm) {
        int narrowest = Math.min(MIN_PANEL, chunk);
        long h = Math.max(narrowest + ceilDiv(d, narrowest), chunk + ceilDiv(d, chunk)) + 2L;
        this.gamma = h * UNIT_FLOAT / (1.0 - h * UNIT_FLOAT);
        this.doubleRelative = 4.0 * (d + 8) * UNIT_DOUBLE;
        this.maxNorm = maxNorm;
    }

    /**
     * Lower bound on the true distance from point i (centred norm {@code norm}) to any point whose screened key is at
     * least {@code key}.
     */
    double distanceLowerBound(double key, double norm) {
        double error = 2.0 * gamma * norm * maxNorm + doubleRelative * (norm * norm + maxNorm * maxNorm);
        double centred = Math.sqrt(Math.max(0.0, key - error));
        return centred * (1.0 - doubleRelative) - CENTRING * (norm + maxNorm);
    }

    /** Whether a point at least {@code lowerBound} away is certainly farther than a computed distance {@code kth}. */
    boolean beyond(double lowerBound, double kth) {
        return lowerBound > kth * (1.0 + doubleRelative);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
