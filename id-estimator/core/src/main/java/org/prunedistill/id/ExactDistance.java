package org.prunedistill.id;

/**
 * The exact Euclidean distance of two rows, the one formula every exact distance of the project uses, so that every
 * neighbour search (this package's, the block-by-block one of {@link PairwiseDistances} and the ND4J one) gives
 * bit-identical distances.
 *
 * <p>The squared differences {@code (x_c - y_c)^2} are computed in double (a float difference is exact there) and
 * summed span by span: a span is {@value #SPAN} consecutive features from feature 0 on (the last may be shorter).
 * Within a span, feature c goes into partial sum {@code c mod 8}, each in feature order, and the eight partial sums
 * are added pairwise, {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}; the spans' totals are added in
 * feature order, and the square root taken. The order is fixed so that a vector implementation (eight double lanes,
 * one feature per lane) gives the same bits as this scalar one, and spans so that columns arriving a block at a time
 * need one running sum per pair, not eight.
 */
public final class ExactDistance {

    /** Number of interleaved partial sums within a span. */
    public static final int LANES = 8;
    /** Features per span, a multiple of {@link #LANES}. */
    public static final int SPAN = 512;

    private ExactDistance() {
    }

    /** The distance of the rows starting at offsets a and b of data, d features each. */
    public static double of(float[] data, int a, int b, int d) {
        double squared = 0.0;
        for (int start = 0; start < d; start += SPAN) {
            squared += span(data, a + start, b + start, Math.min(SPAN, d - start));
        }
        return Math.sqrt(squared);
    }

    /**
     * {@link #of} from row a to rows b and e at once into out[0..1]: the row a's values read once for both, two memory
     * streams in flight (the scalar exact pass of the ND4J search).
     */
    public static void ofTwo(float[] data, int a, int b, int e, int d, double[] out) {
        double first = 0.0;
        double second = 0.0;
        for (int start = 0; start < d; start += SPAN) {
            spans(data, a + start, b + start, e + start, Math.min(SPAN, d - start), out);
            first += out[0];
            second += out[1];
        }
        out[0] = Math.sqrt(first);
        out[1] = Math.sqrt(second);
    }

    /**
     * The squared distance over one span: {@code width <= SPAN} features from offsets a and b, which must be the
     * start of a span of the rows (a multiple of {@link #SPAN} features into them).
     */
    public static double span(float[] data, int a, int b, int width) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double s4 = 0.0;
        double s5 = 0.0;
        double s6 = 0.0;
        double s7 = 0.0;
        int c = 0;
        for (; c + LANES <= width; c += LANES) {
            s0 += square((double) data[a + c] - data[b + c]);
            s1 += square((double) data[a + c + 1] - data[b + c + 1]);
            s2 += square((double) data[a + c + 2] - data[b + c + 2]);
            s3 += square((double) data[a + c + 3] - data[b + c + 3]);
            s4 += square((double) data[a + c + 4] - data[b + c + 4]);
            s5 += square((double) data[a + c + 5] - data[b + c + 5]);
            s6 += square((double) data[a + c + 6] - data[b + c + 6]);
            s7 += square((double) data[a + c + 7] - data[b + c + 7]);
        }
        // The last width mod 8 features go to sums 0, 1, ... in turn: feature c still lands in sum c mod 8.
        int tail = width - c;
        s0 += tail > 0 ? square((double) data[a + c] - data[b + c]) : 0.0;
        s1 += tail > 1 ? square((double) data[a + c + 1] - data[b + c + 1]) : 0.0;
        s2 += tail > 2 ? square((double) data[a + c + 2] - data[b + c + 2]) : 0.0;
        s3 += tail > 3 ? square((double) data[a + c + 3] - data[b + c + 3]) : 0.0;
        s4 += tail > 4 ? square((double) data[a + c + 4] - data[b + c + 4]) : 0.0;
        s5 += tail > 5 ? square((double) data[a + c + 5] - data[b + c + 5]) : 0.0;
        s6 += tail > 6 ? square((double) data[a + c + 6] - data[b + c + 6]) : 0.0;
        return combine(s0, s1, s2, s3, s4, s5, s6, s7);
    }

    /**
     * {@link #span} from row a to rows b and e at once into out[0..1]: sixteen independent sums; a span with a
     * remainder of {@code width mod 8} goes to {@link #span} row by row.
     */
    private static void spans(float[] data, int a, int b, int e, int width, double[] out) {
        if (width % LANES != 0) {
            out[0] = span(data, a, b, width);
            out[1] = span(data, a, e, width);
            return;
        }
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double s4 = 0.0;
        double s5 = 0.0;
        double s6 = 0.0;
        double s7 = 0.0;
        double t0 = 0.0;
        double t1 = 0.0;
        double t2 = 0.0;
        double t3 = 0.0;
        double t4 = 0.0;
        double t5 = 0.0;
        double t6 = 0.0;
        double t7 = 0.0;
        for (int c = 0; c < width; c += LANES) {
            double x0 = data[a + c];
            double x1 = data[a + c + 1];
            double x2 = data[a + c + 2];
            double x3 = data[a + c + 3];
            double x4 = data[a + c + 4];
            double x5 = data[a + c + 5];
            double x6 = data[a + c + 6];
            double x7 = data[a + c + 7];
            s0 += square(x0 - data[b + c]);
            s1 += square(x1 - data[b + c + 1]);
            s2 += square(x2 - data[b + c + 2]);
            s3 += square(x3 - data[b + c + 3]);
            s4 += square(x4 - data[b + c + 4]);
            s5 += square(x5 - data[b + c + 5]);
            s6 += square(x6 - data[b + c + 6]);
            s7 += square(x7 - data[b + c + 7]);
            t0 += square(x0 - data[e + c]);
            t1 += square(x1 - data[e + c + 1]);
            t2 += square(x2 - data[e + c + 2]);
            t3 += square(x3 - data[e + c + 3]);
            t4 += square(x4 - data[e + c + 4]);
            t5 += square(x5 - data[e + c + 5]);
            t6 += square(x6 - data[e + c + 6]);
            t7 += square(x7 - data[e + c + 7]);
        }
        out[0] = combine(s0, s1, s2, s3, s4, s5, s6, s7);
        out[1] = combine(t0, t1, t2, t3, t4, t5, t6, t7);
    }

    /**
     * A span's squared distance from its eight partial sums, for implementations that accumulate them elsewhere
     * (vector lanes): they must have summed the span's feature c into sum {@code c mod 8} in feature order.
     */
    public static double combine(double s0, double s1, double s2, double s3,
                                 double s4, double s5, double s6, double s7) {
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    private static double square(double difference) {
        return difference * difference;
    }
}
