package org.prunedistill.info;

/**
 * Equipopulated (maximum-entropy) binning of one unit's responses over all trials, SCIENCE.md section 4.2.
 *
 * <p>The {@code N} values are sorted, {@code x(0) <= ... <= x(N-1)}; the {@code bins - 1} edges are
 * {@code e_k = x(floor(k N / bins) - 1)} for {@code k = 1 .. bins-1}, and a value's label is the number of edges it
 * strictly exceeds (right-closed bins), so labels run over {@code 0 .. bins-1}. Tied values always share a label, and
 * a tie block that contains an edge stays in the lower bin: a ReLU unit with 70% zeros gets counts like
 * {@code [many, 0, some]} with 3 bins. Empty bins are possible and remain part of the response alphabet.
 *
 * <p>The edges are found without sorting: a most-significant-digit radix selection of the order statistics on the
 * bit patterns of the values (11 bits per digit, both ranks of 3 bins gathered in one pass), expected about three
 * passes over the data; the result is the same as sorting and indexing.
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} when {@code bins < 2}, when a value is NaN or infinite
 * (the message names the index) or when there are fewer values than bins.
 *
 * <p>Reference: the rule of JIDT {@code MatrixUtils.discretiseMaxEntropy} (Lizier 2014) and IDTxl, used for the
 * single-unit analyses of Tafazoli, Safaai, ... Zoccolan (2017), J. Neurophysiol. 118:130-159, Methods.
 */
public final class EquipopulatedBinning {

    private static final int RADIX_BITS = 11;
    private static final long RADIX_MASK = (1L << RADIX_BITS) - 1;
    /** Up to this many edges a value's label is counted edge by edge (no branches), beyond by binary search. */
    private static final int LINEAR_EDGES = 8;
    private static final long EXPONENT = 0x7FF0000000000000L;

    private EquipopulatedBinning() {
    }

    /**
     * Bin labels of {@code values}.
     *
     * @param values one response per trial, finite, at least {@code bins} of them
     * @param bins   number of bins, at least 2
     * @return one label in {@code 0 .. bins-1} per value, in the input order
     */
    public static int[] labels(double[] values, int bins) {
        double[] edges = edges(values, bins);
        int[] labels = new int[values.length];
        if (edges.length > LINEAR_EDGES) {
            for (int i = 0; i < values.length; i++) {
                labels[i] = BinningArguments.countBelow(edges, values[i]);
            }
            return labels;
        }
        if (edges.length == 2) {
            double low = edges[0];
            double high = edges[1];
            for (int i = 0; i < values.length; i++) {
                labels[i] = (values[i] > low ? 1 : 0) + (values[i] > high ? 1 : 0);
            }
            return labels;
        }
        for (int i = 0; i < values.length; i++) {
            double value = values[i];
            int label = 0;
            for (double edge : edges) {
                label += value > edge ? 1 : 0;
            }
            labels[i] = label;
        }
        return labels;
    }

    /**
     * The {@code bins - 1} edges {@code e_k = x(floor(k N / bins) - 1)}, ascending (equal when ties span an edge).
     *
     * @param values one response per trial, finite, at least {@code bins} of them
     * @param bins   number of bins, at least 2
     */
    public static double[] edges(double[] values, int bins) {
        java.util.Objects.requireNonNull(values, "values");
        int n = values.length;
        int[] histogram = new int[1 << RADIX_BITS];
        int firstShift = Long.SIZE - RADIX_BITS;
        boolean nonFinite = false;
        for (double value : values) {
            nonFinite |= (Double.doubleToRawLongBits(value) & EXPONENT) == EXPONENT;
            histogram[digit(sortableKey(value), firstShift)]++;
        }
        if (nonFinite || bins < 2 || n < bins) {
            BinningArguments.check(values, bins);
        }
        int[] bucketOfRank = new int[bins - 1];
        int[] rankInBucket = new int[bins - 1];
        for (int k = 1; k < bins; k++) {
            int remaining = (int) ((long) k * n / bins) - 1;
            int bucket = 0;
            while (remaining >= histogram[bucket]) {
                remaining -= histogram[bucket++];
            }
            bucketOfRank[k - 1] = bucket;
            rankInBucket[k - 1] = remaining;
        }
        int[] nextHistogram = new int[1 << RADIX_BITS];
        double[] edges = new double[bins - 1];
        long[] first = new long[n + 1];
        long[] second = new long[n + 1];
        for (int k = 0; k < bins - 1; k += 2) {
            // Two ranks per pass: each key is written to both candidate lists, kept where its digit matches.
            int firstBucket = bucketOfRank[k];
            int secondBucket = k + 1 < bins - 1 ? bucketOfRank[k + 1] : -1;
            int firstKept = 0;
            int secondKept = 0;
            for (double value : values) {
                long key = sortableKey(value);
                int digit = digit(key, firstShift);
                first[firstKept] = key;
                firstKept += digit == firstBucket ? 1 : 0;
                second[secondKept] = key;
                secondKept += digit == secondBucket ? 1 : 0;
            }
            edges[k] = valueOf(select(first, firstKept, rankInBucket[k], firstShift - RADIX_BITS, nextHistogram));
            if (secondBucket >= 0) {
                edges[k + 1] = valueOf(select(second, secondKept, rankInBucket[k + 1], firstShift - RADIX_BITS,
                        nextHistogram));
            }
        }
        return edges;
    }

    /**
     * The key of rank {@code rank} (0-based, ascending) among {@code keys[0 .. count)}, which agree on every bit above
     * {@code shift + RADIX_BITS}: most-significant-digit radix selection (a histogram of the next {@value #RADIX_BITS}
     * bits finds the bucket holding the rank, only its keys are kept for the next digit). With the first digit taken
     * in {@link #edges}, about two passes over the data; a tie block (the zeros of a ReLU unit) ends the search at
     * once. Reorders {@code keys} in place. The same value as sorting and indexing.
     */
    private static long select(long[] keys, int count, int rank, int shift, int[] histogram) {
        int kept = count;
        int remaining = rank;
        for (int level = shift; ; level -= RADIX_BITS) {
            if (kept == 1 || allEqual(keys, kept)) {
                return keys[0];
            }
            int digitShift = Math.max(level, 0);
            java.util.Arrays.fill(histogram, 0);
            for (int i = 0; i < kept; i++) {
                histogram[digit(keys[i], digitShift)]++;
            }
            int bucket = 0;
            while (remaining >= histogram[bucket]) {
                remaining -= histogram[bucket++];
            }
            int next = 0;
            for (int i = 0; i < kept; i++) {
                long key = keys[i];
                keys[next] = key;
                next += digit(key, digitShift) == bucket ? 1 : 0;
            }
            kept = next;
            if (digitShift == 0) {
                return keys[0];
            }
        }
    }

    private static int digit(long key, int shift) {
        return (int) ((key >>> shift) & RADIX_MASK);
    }

    private static boolean allEqual(long[] keys, int count) {
        for (int i = 1; i < count; i++) {
            if (keys[i] != keys[0]) {
                return false;
            }
        }
        return true;
    }

    /** A long whose unsigned order is the numeric order of finite doubles (-0.0 is taken as 0.0). */
    private static long sortableKey(double value) {
        long bits = Double.doubleToRawLongBits(value + 0.0);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    private static double valueOf(long key) {
        long bits = key < 0 ? key ^ Long.MIN_VALUE : ~key;
        return Double.longBitsToDouble(bits);
    }
}
