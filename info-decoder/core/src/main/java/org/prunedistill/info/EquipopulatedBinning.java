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
 * passes over the data; ranks inside the zeros of responses without negative values (a ReLU unit) need no search
 * beyond the first pass. The result is the same as sorting and indexing.
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
    /** Up to this many values the edges are found by quickselect ({@link #smallEdges}), beyond by radix selection. */
    private static final int SMALL = 2048;
    /** Ranges of up to this many values are finished by insertion sort. */
    private static final int INSERTION = 16;

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
        return labels(values, bins, new int[values.length]);
    }

    /** {@link #labels(double[], int)} written into {@code labels} (of the same length as {@code values}). */
    static int[] labels(double[] values, int bins, int[] labels) {
        double[] edges = edges(values, bins);
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
                labels[i] = above(values[i], low) + above(values[i], high);
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
        if (n <= SMALL) {
            return smallEdges(values, bins);
        }
        int firstShift = Long.SIZE - RADIX_BITS;
        Scratch scratch = Scratch.current();
        int[] histogram = scratch.histogram(1 << RADIX_BITS);
        boolean nonFinite = false;
        // Zeros and negative values together (bits - 1 is negative for both, as -0.0 is counted as 0.0): without
        // negative values, the zeros; then ranks inside that tie block (a ReLU unit's zeros) need no search.
        int zerosOrNegative = 0;
        for (double value : values) {
            long bits = Double.doubleToRawLongBits(value + 0.0);
            nonFinite |= (bits & EXPONENT) == EXPONENT;
            histogram[(int) (bits >>> firstShift)]++;
            zerosOrNegative += (int) ((bits - 1) >>> 63);
        }
        if (nonFinite || bins < 2 || n < bins) {
            BinningArguments.check(values, bins);
        }
        int negative = 0;
        for (int bucket = 1 << (RADIX_BITS - 1); bucket < 1 << RADIX_BITS; bucket++) {
            negative += histogram[bucket];
        }
        int zeros = negative == 0 ? zerosOrNegative : 0;
        double[] edges = new double[bins - 1];
        // The ranks left to search, with their first digit's bucket and their rank inside it.
        int[] pending = new int[bins - 1];
        int[] bucketOfRank = new int[bins - 1];
        int[] rankInBucket = new int[bins - 1];
        int searches = 0;
        for (int k = 1; k < bins; k++) {
            int rank = (int) ((long) k * n / bins) - 1;
            if (rank < zeros) {
                edges[k - 1] = 0.0;
                continue;
            }
            int remaining = rank;
            int order = 0;
            while (remaining >= histogram[rawBucket(order)]) {
                remaining -= histogram[rawBucket(order++)];
            }
            pending[searches] = k - 1;
            bucketOfRank[searches] = rawBucket(order);
            rankInBucket[searches] = remaining;
            searches++;
        }
        if (searches == 0) {
            return edges;
        }
        int[] nextHistogram = scratch.nextHistogram(1 << RADIX_BITS);
        long[] candidates = scratch.keys(n + 1);
        int shift = firstShift - RADIX_BITS;
        for (int j = 0; j < searches; j += 2) {
            int firstBucket = bucketOfRank[j];
            if (j + 1 == searches) {
                int kept = gather(values, firstBucket, candidates);
                edges[pending[j]] = valueOf(select(candidates, 0, kept, rankInBucket[j], shift, nextHistogram));
                continue;
            }
            int secondBucket = bucketOfRank[j + 1];
            if (secondBucket == firstBucket) {
                int kept = gather(values, firstBucket, candidates);
                long[] copy = java.util.Arrays.copyOf(candidates, kept);
                edges[pending[j]] = valueOf(select(candidates, 0, kept, rankInBucket[j], shift, nextHistogram));
                edges[pending[j + 1]] = valueOf(select(copy, 0, kept, rankInBucket[j + 1], shift, nextHistogram));
                continue;
            }
            // Two ranks in different buckets per pass, in one array: the first's candidates from the front, the
            // second's from the back (each key is written to both ends, kept where its digit matches; the two kept
            // parts never meet, as no key is in both buckets).
            int firstKept = 0;
            int secondKept = 0;
            for (double value : values) {
                long bits = Double.doubleToRawLongBits(value + 0.0);
                int digit = (int) (bits >>> firstShift);
                candidates[firstKept] = bits;
                firstKept += digit == firstBucket ? 1 : 0;
                candidates[n - secondKept] = bits;
                secondKept += digit == secondBucket ? 1 : 0;
            }
            toKeys(candidates, 0, firstKept);
            toKeys(candidates, n + 1 - secondKept, secondKept);
            edges[pending[j]] = valueOf(select(candidates, 0, firstKept, rankInBucket[j], shift, nextHistogram));
            edges[pending[j + 1]] = valueOf(select(candidates, n + 1 - secondKept, secondKept, rankInBucket[j + 1],
                    shift, nextHistogram));
        }
        return edges;
    }

    /**
     * {@link #edges} of a few values (a unit's conditions, an object pair's trials): a radix pass costs a histogram of
     * 2^{@value #RADIX_BITS} buckets whatever the number of values, so here each rank is found by quickselect with a
     * three-way partition (ties, such as a ReLU unit's zeros, end the search at once; the values below the pivot,
     * then those equal to it, are gathered in two branch-free passes) on a copy. The same order statistics, so the
     * same edges.
     */
    private static double[] smallEdges(double[] values, int bins) {
        int n = values.length;
        boolean nonFinite = false;
        double[] copy = Scratch.current().values(n);
        for (int i = 0; i < n; i++) {
            double value = values[i];
            nonFinite |= (Double.doubleToRawLongBits(value) & EXPONENT) == EXPONENT;
            copy[i] = value;
        }
        if (nonFinite || bins < 2 || n < bins) {
            BinningArguments.check(values, bins);
        }
        double[] edges = new double[bins - 1];
        int from = 0;
        for (int k = 1; k < bins; k++) {
            int rank = (int) ((long) k * n / bins) - 1;
            // Ranks ascend, and selecting one leaves everything before it no larger: the next searches the rest.
            edges[k - 1] = quickselect(copy, Math.max(from, 0), n, rank) + 0.0;
            from = rank;
        }
        return edges;
    }

    /** The value of rank {@code rank} among {@code a[from .. to)}, which no value before {@code from} exceeds. */
    private static double quickselect(double[] a, int from, int to, int rank) {
        while (true) {
            if (to - from <= INSERTION) {
                for (int i = from + 1; i < to; i++) {
                    double value = a[i];
                    int j = i - 1;
                    while (j >= from && a[j] > value) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = value;
                }
                return a[rank];
            }
            double pivot = medianOfThree(a[from], a[(from + to) >>> 1], a[to - 1]);
            // Two branch-free Lomuto passes (a swap every step, the boundary moved by the comparison): a
            // three-way partition's branches are mispredicted about half the time on a unit's responses.
            int below = from;
            for (int i = from; i < to; i++) {
                double value = a[i];
                a[i] = a[below];
                a[below] = value;
                below += value < pivot ? 1 : 0;
            }
            if (rank < below) {
                to = below;
                continue;
            }
            int above = below;
            for (int i = below; i < to; i++) {
                double value = a[i];
                a[i] = a[above];
                a[above] = value;
                above += value > pivot ? 0 : 1;
            }
            if (rank < above) {
                return pivot;
            }
            from = above;
        }
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * The key of rank {@code rank} (0-based, ascending) among {@code keys[from .. from + count)}, which agree on every bit above
     * {@code shift + RADIX_BITS}: most-significant-digit radix selection (a histogram of the next {@value #RADIX_BITS}
     * bits finds the bucket holding the rank, only its keys are kept for the next digit). With the first digit taken
     * in {@link #edges}, about two passes over the data; a tie block (the zeros of a ReLU unit) ends the search at
     * once. Reorders {@code keys[from .. from + count)} in place. The same value as sorting and indexing.
     */
    private static long select(long[] keys, int from, int count, int rank, int shift, int[] histogram) {
        int kept = count;
        int remaining = rank;
        for (int level = shift; ; level -= RADIX_BITS) {
            if (kept == 1 || allEqual(keys, from, kept)) {
                return keys[from];
            }
            int digitShift = Math.max(level, 0);
            java.util.Arrays.fill(histogram, 0);
            for (int i = from; i < from + kept; i++) {
                histogram[digit(keys[i], digitShift)]++;
            }
            int bucket = 0;
            while (remaining >= histogram[bucket]) {
                remaining -= histogram[bucket++];
            }
            int next = from;
            for (int i = from; i < from + kept; i++) {
                long key = keys[i];
                keys[next] = key;
                next += digit(key, digitShift) == bucket ? 1 : 0;
            }
            kept = next - from;
            if (digitShift == 0) {
                return keys[from];
            }
        }
    }

    /**
     * 1 if {@code value > edge}, else 0, without a branch: the sign of {@code edge - value}, which for finite values is
     * negative exactly when {@code value > edge} (a difference of distinct doubles is never 0, and equal ones give
     * +0.0; edges are never -0.0).
     */
    private static int above(double value, double edge) {
        return (int) (Double.doubleToRawLongBits(edge - value) >>> 63);
    }

    /**
     * The first digit of the raw bit patterns (the sign and the high exponent bits) of the {@code order}-th smallest
     * values: the negative values' buckets in descending order (a larger magnitude is a smaller value), then the
     * others' in ascending order. Counting raw patterns spares the first pass the key transform ({@link #keyOfBits}).
     */
    private static int rawBucket(int order) {
        int half = 1 << (RADIX_BITS - 1);
        return order < half ? (1 << RADIX_BITS) - 1 - order : order - half;
    }

    private static int digit(long key, int shift) {
        return (int) ((key >>> shift) & RADIX_MASK);
    }

    private static boolean allEqual(long[] keys, int from, int count) {
        long key = keys[from];
        for (int i = from + 1; i < from + count; i++) {
            if (keys[i] != key) {
                return false;
            }
        }
        return true;
    }

    /**
     * The keys of the values whose raw first digit ({@link #rawBucket}) is {@code bucket} into
     * {@code candidates[0 ..)}; their count. The raw patterns are gathered and only the kept ones transformed.
     */
    private static int gather(double[] values, int bucket, long[] candidates) {
        int kept = 0;
        for (double value : values) {
            long bits = Double.doubleToRawLongBits(value + 0.0);
            candidates[kept] = bits;
            kept += (int) (bits >>> (Long.SIZE - RADIX_BITS)) == bucket ? 1 : 0;
        }
        toKeys(candidates, 0, kept);
        return kept;
    }

    /** The raw bit patterns {@code bits[from .. from + count)} (of values other than -0.0) as sortable keys. */
    private static void toKeys(long[] bits, int from, int count) {
        for (int i = from; i < from + count; i++) {
            bits[i] = keyOfBits(bits[i]);
        }
    }

    /**
     * A long whose unsigned order is the numeric order of finite doubles, from their raw bits (-0.0 must have been
     * taken as 0.0 before).
     */
    private static long keyOfBits(long bits) {
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    private static double valueOf(long key) {
        long bits = key < 0 ? key ^ Long.MIN_VALUE : ~key;
        return Double.longBitsToDouble(bits);
    }
}
