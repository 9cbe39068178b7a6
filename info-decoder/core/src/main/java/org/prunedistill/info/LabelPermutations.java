package org.prunedistill.info;

import java.util.random.RandomGenerator;

/**
 * Plug-in values of uniformly random re-pairings of one table's response labels with its stimulus labels: the null
 * distribution of the permutation test and of shuffle subtraction. Built once per unit (the stimuli and the margins
 * do not change under a permutation), then {@link #nextPluginBits} per permutation.
 *
 * <p>A permutation is drawn as sequential sampling without replacement: trial {@code i} of {@code stimuli}, in order,
 * takes the response label at position {@code u_i} of the urn of the {@code N - i} labels not yet drawn (ordered
 * by label), with {@code u_i} uniform in {@code [0, N - i)}; this is the same distribution as shuffling the labels
 * uniformly. The indices {@code u_i} come from {@link #drawUrnIndices}, several from one 64-bit value. The joint
 * counts are then those of the runs of equal stimulus labels, and the value is {@link ContingencyTable#pluginBits}
 * of the permuted table (the same regrouped sum, bit for bit). With three response bins the urn is two boundaries
 * held in registers ({@link #countThreeBins}; below 2^15 trials four permutations at once in the lanes of one long,
 * {@link #countThreeBinsFour}); any other count uses the general urn of
 * {@link ContingencyTable#countPermuted(int[], int[])}, which gives the same table for the same indices.
 *
 * <p>Mutable scratch space for one thread: its index arrays are that thread's {@link Scratch}, so one instance at a
 * time per thread.
 */
final class LabelPermutations {

    /** Indices drawn from one 64-bit value while the urn holds fewer than 2^16 labels (their product fits). */
    private static final int BATCH = 4;
    private static final int BATCH_LIMIT = 1 << 16;
    private static final long LOW_WORD = 0xFFFF_FFFFL;
    /** Permutations counted at once in the lanes of one long, below {@link #LANE_LIMIT} trials. */
    private static final int LANES = 4;
    private static final int LANE_BITS = 16;
    private static final int LANE_LIMIT = 1 << (LANE_BITS - 1);
    private static final long LANE_MASK = (1L << LANE_BITS) - 1;
    private static final long LANE_TOP_BITS = 0x8000_8000_8000_8000L;

    private final ContingencyTable table;
    private final int[] stimuli;
    private final int[] draws;
    private final int[] pairedDraws;
    /** Maximal runs of equal stimulus labels: run {@code k} is {@code [runStarts[k], runStarts[k+1])}. */
    private final int[] runStarts;
    /** Each stimulus has one run and the runs ascend: the joint sum can be taken run by run. */
    private final boolean ascendingRuns;
    private final double stimulusSum;
    private final double responseSum;

    /** Permutations of {@code table}'s response labels against {@code stimuli} (the trials counted into it). */
    LabelPermutations(ContingencyTable table, int[] stimuli) {
        this.table = table;
        this.stimuli = stimuli;
        Scratch scratch = Scratch.current();
        this.draws = scratch.draws(stimuli.length);
        this.pairedDraws = scratch.pairedDraws(stimuli.length);
        int runs = 0;
        boolean ascending = true;
        for (int i = 0; i < stimuli.length; i++) {
            if (i == 0 || stimuli[i] != stimuli[i - 1]) {
                ascending &= i == 0 || stimuli[i] > stimuli[i - 1];
                runs++;
            }
        }
        this.runStarts = new int[runs + 1];
        int run = 0;
        for (int i = 0; i < stimuli.length; i++) {
            if (i == 0 || stimuli[i] != stimuli[i - 1]) {
                runStarts[run++] = i;
            }
        }
        runStarts[runs] = stimuli.length;
        this.ascendingRuns = ascending;
        this.stimulusSum = table.stimulusNLogNSum();
        this.responseSum = table.responseNLogNSum();
    }

    /**
     * The plug-in bits of one random permutation. For three response bins the table's joint cells are left as they
     * were (the margins are read only); otherwise they hold the permuted table afterwards.
     */
    double nextPluginBits(RandomGenerator rng) {
        int trials = table.trials();
        drawUrnIndices(draws, trials, rng);
        double jointSum;
        if (table.responseBins() == 3 && ascendingRuns) {
            jointSum = countThreeBins();
        } else {
            table.countPermuted(stimuli, draws);
            jointSum = table.jointNLogNSum();
        }
        return ContingencyTable.pluginBits(jointSum, stimulusSum, responseSum, trials);
    }

    /**
     * The plug-in bits of {@code count} random permutations, each distributed as {@link #nextPluginBits}'s. With
     * three response bins and fewer than 2^15 trials four permutations are drawn and counted at once, 16 bits each
     * in one long ({@link #drawFourUrnIndices}, {@link #countThreeBinsFour}); the rest two at a time in one loop (the
     * urn of each is a chain of dependent steps, two independent chains keep the processor busy), which gives the
     * values of as many calls of {@link #nextPluginBits} on the same generator, and the last one alone.
     */
    double[] nextPluginBits(RandomGenerator rng, int count) {
        double[] values = new double[count];
        int k = 0;
        if (table.responseBins() == 3 && ascendingRuns) {
            int trials = table.trials();
            if (trials < LANE_LIMIT) {
                long[] packed = Scratch.current().packedDraws(trials);
                for (; k + LANES - 1 < count; k += LANES) {
                    drawFourUrnIndices(packed, trials, rng);
                    countThreeBinsFour(packed, values, k);
                }
            }
            for (; k + 1 < count; k += 2) {
                drawUrnIndices(draws, trials, rng);
                drawUrnIndices(pairedDraws, trials, rng);
                countThreeBinsPair(values, k);
            }
        }
        for (; k < count; k++) {
            values[k] = nextPluginBits(rng);
        }
        return values;
    }

    /** Counts the permuted table of the last {@link #nextPluginBits} into {@code target} by the general urn. */
    void countLastInto(ContingencyTable target) {
        target.countPermuted(stimuli, draws);
    }

    /**
     * Sum of {@code n ln n} over the joint cells of the permuted table, for three response bins and ascending runs:
     * the urn is {@code [labels 0 | labels 1 | labels 2]}, kept as its two boundaries (a draw below the first takes a
     * 0 and moves both, one below the second a 1 and moves the second); a run's counts are how far the boundaries
     * moved during it and enter the sum in cell order, so the sum equals {@link ContingencyTable#jointNLogNSum()} of the
     * same table bit for bit (empty stimuli add 0).
     */
    private double countThreeBins() {
        int first = table.responseTotal(0);
        int second = first + table.responseTotal(1);
        double sum = 0.0;
        for (int run = 0; run + 1 < runStarts.length; run++) {
            int from = runStarts[run];
            int to = runStarts[run + 1];
            int firstBefore = first;
            int secondBefore = second;
            for (int i = from; i < to; i++) {
                int u = draws[i];
                // u < boundary (both below 2^31): the sign bit of the difference.
                first -= (u - first) >>> 31;
                second -= (u - second) >>> 31;
            }
            int low = firstBefore - first;
            int lowOrMiddle = secondBefore - second;
            sum = addRun(sum, low, lowOrMiddle, to - from);
        }
        return sum;
    }

    /**
     * {@link #countThreeBins} of {@link #draws} and {@link #pairedDraws} side by side, their plug-in bits into
     * {@code values[k]} and {@code values[k + 1]}; each sum in the same order as the single path.
     */
    private void countThreeBinsPair(double[] values, int k) {
        int first = table.responseTotal(0);
        int second = first + table.responseTotal(1);
        int pairedFirst = first;
        int pairedSecond = second;
        double sum = 0.0;
        double pairedSum = 0.0;
        for (int run = 0; run + 1 < runStarts.length; run++) {
            int from = runStarts[run];
            int to = runStarts[run + 1];
            int firstBefore = first;
            int secondBefore = second;
            int pairedFirstBefore = pairedFirst;
            int pairedSecondBefore = pairedSecond;
            for (int i = from; i < to; i++) {
                int u = draws[i];
                int v = pairedDraws[i];
                first -= (u - first) >>> 31;
                second -= (u - second) >>> 31;
                pairedFirst -= (v - pairedFirst) >>> 31;
                pairedSecond -= (v - pairedSecond) >>> 31;
            }
            int size = to - from;
            int low = firstBefore - first;
            int lowOrMiddle = secondBefore - second;
            sum = addRun(sum, low, lowOrMiddle, size);
            int pairedLow = pairedFirstBefore - pairedFirst;
            int pairedLowOrMiddle = pairedSecondBefore - pairedSecond;
            pairedSum = addRun(pairedSum, pairedLow, pairedLowOrMiddle, size);
        }
        int trials = table.trials();
        values[k] = ContingencyTable.pluginBits(sum, stimulusSum, responseSum, trials);
        values[k + 1] = ContingencyTable.pluginBits(pairedSum, stimulusSum, responseSum, trials);
    }

    /**
     * {@link #countThreeBins} of four permutations at once: lane {@code j} (bits {@code 16 j .. 16 j + 15}) of
     * {@code packed[i]} is trial {@code i}'s urn index in permutation {@code j}, its top bit set
     * ({@link #drawFourUrnIndices}). The four urns' boundaries are lanes of two longs; with fewer than 2^15 labels a
     * lane's difference {@code (index + 2^15) - boundary} stays within its 16 bits, and its top bit is clear exactly
     * when the index is below the boundary: that bit, shifted down, is what each lane's boundary moves. Each sum in
     * the same order as the single path; the plug-in bits into {@code values[k .. k + 4)}.
     */
    void countThreeBinsFour(long[] packed, double[] values, int k) {
        int zeros = table.responseTotal(0);
        long first = replicated(zeros);
        long second = replicated(zeros + table.responseTotal(1));
        double sum0 = 0.0;
        double sum1 = 0.0;
        double sum2 = 0.0;
        double sum3 = 0.0;
        for (int run = 0; run + 1 < runStarts.length; run++) {
            int from = runStarts[run];
            int to = runStarts[run + 1];
            long firstBefore = first;
            long secondBefore = second;
            for (int i = from; i < to; i++) {
                long index = packed[i];
                first -= (~(index - first) & LANE_TOP_BITS) >>> (LANE_BITS - 1);
                second -= (~(index - second) & LANE_TOP_BITS) >>> (LANE_BITS - 1);
            }
            // Boundaries only fall, so the lanes' differences need no borrow.
            long low = firstBefore - first;
            long lowOrMiddle = secondBefore - second;
            int size = to - from;
            sum0 = addRun(sum0, low, lowOrMiddle, 0, size);
            sum1 = addRun(sum1, low, lowOrMiddle, LANE_BITS, size);
            sum2 = addRun(sum2, low, lowOrMiddle, 2 * LANE_BITS, size);
            sum3 = addRun(sum3, low, lowOrMiddle, 3 * LANE_BITS, size);
        }
        int trials = table.trials();
        values[k] = ContingencyTable.pluginBits(sum0, stimulusSum, responseSum, trials);
        values[k + 1] = ContingencyTable.pluginBits(sum1, stimulusSum, responseSum, trials);
        values[k + 2] = ContingencyTable.pluginBits(sum2, stimulusSum, responseSum, trials);
        values[k + 3] = ContingencyTable.pluginBits(sum3, stimulusSum, responseSum, trials);
    }

    /** {@link #addRun(double, int, int, int)} of the lane at {@code shift}. */
    private static double addRun(double sum, long low, long lowOrMiddle, int shift, int size) {
        return addRun(sum, (int) ((low >>> shift) & LANE_MASK), (int) ((lowOrMiddle >>> shift) & LANE_MASK), size);
    }

    /**
     * {@code sum} plus the {@code n ln n} of one run's three cells, in cell order: {@code low} labels 0,
     * {@code lowOrMiddle} labels 0 or 1, of {@code size} trials.
     */
    private static double addRun(double sum, int low, int lowOrMiddle, int size) {
        sum += ContingencyTable.nLogN(low);
        sum += ContingencyTable.nLogN(lowOrMiddle - low);
        sum += ContingencyTable.nLogN(size - lowOrMiddle);
        return sum;
    }

    private static long replicated(int lane) {
        long value = lane;
        return value | value << LANE_BITS | value << (2 * LANE_BITS) | value << (3 * LANE_BITS);
    }

    /**
     * Fills lane {@code j} of {@code packed[i]}, {@code i < count < 2^15}, with independent uniform integers in
     * {@code [0, count - i)}, one urn per lane, each with its lane's top bit set ({@link #countThreeBinsFour}). Trial
     * {@code i}'s four indices come from one 64-bit value as two 32-bit words of two digits with the same bound
     * ({@link #drawUrnIndices}'s method; a biased word draws all four again).
     */
    static void drawFourUrnIndices(long[] packed, int count, RandomGenerator rng) {
        // count^2 < 2^30 bounds every product of two bounds: a low part at or above it is never rejected.
        long sure = (long) count * count;
        int i = 0;
        while (i < count) {
            long bound = count - i;
            long x = rng.nextLong();
            long product = (x >>> Integer.SIZE) * bound;
            long lanes = product >>> Integer.SIZE;
            product = (product & LOW_WORD) * bound;
            lanes |= (product >>> Integer.SIZE) << LANE_BITS;
            long firstLow = product & LOW_WORD;
            product = (x & LOW_WORD) * bound;
            lanes |= (product >>> Integer.SIZE) << (2 * LANE_BITS);
            product = (product & LOW_WORD) * bound;
            lanes |= (product >>> Integer.SIZE) << (3 * LANE_BITS);
            long secondLow = product & LOW_WORD;
            if ((firstLow < sure || secondLow < sure)
                    && (rejected32(firstLow, bound * bound) || rejected32(secondLow, bound * bound))) {
                continue;
            }
            packed[i++] = lanes | LANE_TOP_BITS;
        }
    }

    /**
     * Fills {@code draws[i]}, {@code i < count}, with independent uniform integers in {@code [0, count - i)}.
     *
     * <p>Several indices come from one uniform word {@code x} of {@code w} bits: with bounds {@code b_1 .. b_k} whose
     * product {@code P} is below 2^w, the digits of {@code floor(x P / 2^w)} in the mixed radix {@code (b_1, .., b_k)}
     * are read off by successive multiplications (the high part is the digit, the low {@code w} bits carry on), and
     * Lemire's rejection of the few biased values (low part below {@code 2^w mod P}) makes them exactly uniform and
     * independent (Lemire 2019, ACM TOMACS 29:3; Brackett-Rozinsky and Lemire 2024, "Batched ranged random integer
     * generation", Softw. Pract. Exp.). Below 2^16 labels each 64-bit value gives four indices as two 32-bit words of
     * two (a product of 32-bit words fits a long, so no 128-bit product is needed); above, two from the 64-bit value.
     */
    static void drawUrnIndices(int[] draws, int count, RandomGenerator rng) {
        int i = 0;
        if (count < BATCH_LIMIT) {
            // count^2 < 2^32 bounds the product of any two bounds: a low part at or above it is never rejected.
            long sure = (long) count * count;
            while (count - i >= BATCH) {
                long b0 = count - i;
                long b1 = b0 - 1;
                long b2 = b0 - 2;
                long b3 = b0 - 3;
                long x = rng.nextLong();
                long product = (x >>> Integer.SIZE) * b0;
                int d0 = (int) (product >>> Integer.SIZE);
                product = (product & LOW_WORD) * b1;
                int d1 = (int) (product >>> Integer.SIZE);
                long firstLow = product & LOW_WORD;
                product = (x & LOW_WORD) * b2;
                int d2 = (int) (product >>> Integer.SIZE);
                product = (product & LOW_WORD) * b3;
                int d3 = (int) (product >>> Integer.SIZE);
                long secondLow = product & LOW_WORD;
                // Both words accepted: then each pair is uniform and the two independent; else all four are drawn
                // again.
                if ((firstLow < sure || secondLow < sure)
                        && (rejected32(firstLow, b0 * b1) || rejected32(secondLow, b2 * b3))) {
                    continue;
                }
                draws[i] = d0;
                draws[i + 1] = d1;
                draws[i + 2] = d2;
                draws[i + 3] = d3;
                i += BATCH;
            }
        }
        int batch = count < BATCH_LIMIT ? BATCH : 2;
        while (i < count) {
            int k = Math.min(batch, count - i);
            long product = 1;
            for (int j = 0; j < k; j++) {
                product *= count - i - j;
            }
            long x;
            do {
                x = rng.nextLong();
                for (int j = 0; j < k; j++) {
                    long bound = count - i - j;
                    draws[i + j] = digit(x, bound);
                    x *= bound;
                }
            } while (rejected(x, product));
            i += k;
        }
    }

    /** Lemire's rejection for a 32-bit word: {@code low} is one of the {@code 2^32 mod P} biased low parts. */
    private static boolean rejected32(long low, long product) {
        return low < product && low < (1L << Integer.SIZE) % product;
    }

    /** The high word of the unsigned 128-bit product {@code x * bound} ({@code 0 <= bound < 2^63}). */
    private static int digit(long x, long bound) {
        return (int) (Math.multiplyHigh(x, bound) + ((x >> 63) & bound));
    }

    /** Lemire's rejection: the low word {@code low} of {@code x P} is one of the {@code 2^64 mod P} biased ones. */
    private static boolean rejected(long low, long product) {
        return Long.compareUnsigned(low, product) < 0
                && Long.compareUnsigned(low, Long.remainderUnsigned(-product, product)) < 0;
    }
}
