package org.prunedistill.id.nd4j;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.prunedistill.id.ExactDistance;

/**
 * {@link RowDistances} in eight double lanes: within each span, lane l holds {@link ExactDistance}'s partial sum l, so
 * lane-wise IEEE arithmetic gives the scalar bits. Eight rows at once keep eight memory streams in flight: the
 * candidate rows are scattered over the matrix, and one stream at a time left the pass waiting on memory (measured in
 * the README).
 *
 * <p>Only touched when {@code jdk.incubator.vector} was resolved at start-up ({@link RowDistances#fastest()}).
 */
final class VectorRowDistances extends RowDistances {

    private static final VectorSpecies<Float> EIGHT_FLOATS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> EIGHT_DOUBLES = DoubleVector.SPECIES_512;

    /**
     * True if the CPU computes eight double lanes in one register (AVX-512); elsewhere the Vector API would emulate
     * them, slower than the scalar code.
     */
    static boolean wideEnough() {
        return DoubleVector.SPECIES_PREFERRED.length() >= ExactDistance.LANES;
    }

    @Override
    void group(float[] data, int d, int i, int[] js, double[] out) {
        int a = i * d;
        int b0 = js[0] * d;
        int b1 = js[1] * d;
        int b2 = js[2] * d;
        int b3 = js[3] * d;
        int b4 = js[4] * d;
        int b5 = js[5] * d;
        int b6 = js[6] * d;
        int b7 = js[7] * d;
        double r0 = 0.0;
        double r1 = 0.0;
        double r2 = 0.0;
        double r3 = 0.0;
        double r4 = 0.0;
        double r5 = 0.0;
        double r6 = 0.0;
        double r7 = 0.0;
        double[] lanes = new double[ExactDistance.LANES];
        for (int start = 0; start < d; start += ExactDistance.SPAN) {
            int end = Math.min(d, start + ExactDistance.SPAN);
            DoubleVector s0 = DoubleVector.zero(EIGHT_DOUBLES);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            DoubleVector s4 = s0;
            DoubleVector s5 = s0;
            DoubleVector s6 = s0;
            DoubleVector s7 = s0;
            int c = start;
            for (; c + ExactDistance.LANES <= end; c += ExactDistance.LANES) {
                DoubleVector x = widened(data, a + c);
                s0 = plusSquare(s0, x, data, b0 + c);
                s1 = plusSquare(s1, x, data, b1 + c);
                s2 = plusSquare(s2, x, data, b2 + c);
                s3 = plusSquare(s3, x, data, b3 + c);
                s4 = plusSquare(s4, x, data, b4 + c);
                s5 = plusSquare(s5, x, data, b5 + c);
                s6 = plusSquare(s6, x, data, b6 + c);
                s7 = plusSquare(s7, x, data, b7 + c);
            }
            s0.intoArray(lanes, 0);
            r0 += spanTotal(lanes, data, a + c, b0 + c, end - c);
            s1.intoArray(lanes, 0);
            r1 += spanTotal(lanes, data, a + c, b1 + c, end - c);
            s2.intoArray(lanes, 0);
            r2 += spanTotal(lanes, data, a + c, b2 + c, end - c);
            s3.intoArray(lanes, 0);
            r3 += spanTotal(lanes, data, a + c, b3 + c, end - c);
            s4.intoArray(lanes, 0);
            r4 += spanTotal(lanes, data, a + c, b4 + c, end - c);
            s5.intoArray(lanes, 0);
            r5 += spanTotal(lanes, data, a + c, b5 + c, end - c);
            s6.intoArray(lanes, 0);
            r6 += spanTotal(lanes, data, a + c, b6 + c, end - c);
            s7.intoArray(lanes, 0);
            r7 += spanTotal(lanes, data, a + c, b7 + c, end - c);
        }
        out[0] = Math.sqrt(r0);
        out[1] = Math.sqrt(r1);
        out[2] = Math.sqrt(r2);
        out[3] = Math.sqrt(r3);
        out[4] = Math.sqrt(r4);
        out[5] = Math.sqrt(r5);
        out[6] = Math.sqrt(r6);
        out[7] = Math.sqrt(r7);
    }

    @Override
    String describe() {
        return "vector (8 double lanes)";
    }

    /** sums + (x - y)^2 lane by lane, y the eight floats at offset. */
    private static DoubleVector plusSquare(DoubleVector sums, DoubleVector x, float[] data, int offset) {
        DoubleVector difference = x.sub(widened(data, offset));
        return sums.add(difference.mul(difference));
    }

    private static DoubleVector widened(float[] data, int offset) {
        return (DoubleVector) FloatVector.fromArray(EIGHT_FLOATS, data, offset)
                .convertShape(VectorOperators.F2D, EIGHT_DOUBLES, 0);
    }

    /**
     * A span's total from its lanes: the last {@code tail < 8} features into lanes 0, 1, ... as in the scalar code,
     * then combined. Takes the lanes as an array, stored by the caller: a vector handed to a method the JIT does not
     * inline is allocated as an object (gigabytes a second, measured).
     */
    private static double spanTotal(double[] lanes, float[] data, int a, int b, int tail) {
        for (int l = 0; l < tail; l++) {
            double difference = (double) data[a + l] - data[b + l];
            lanes[l] += difference * difference;
        }
        return ExactDistance.combine(lanes[0], lanes[1], lanes[2], lanes[3], lanes[4], lanes[5], lanes[6], lanes[7]);
    }
}
