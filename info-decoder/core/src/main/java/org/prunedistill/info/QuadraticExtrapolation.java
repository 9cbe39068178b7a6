package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Quadratic-extrapolation correction of the limited-sampling bias of the plug-in mutual information.
 *
 * <p>Assumes {@code I(N) = I_inf + a / N + b / N^2} and evaluates the plug-in information on all trials, on the 2
 * halves and on the 4 quarters of the trials, each subset stratified by stimulus: a stimulus' trials are cut into
 * consecutive parts as equal as possible, the first parts taking one trial more when they do not divide evenly
 * (11 trials give halves of 6 and 5; 10 give quarters of 3, 3, 2 and 2), so every trial is used. {@code I_inf} is the
 * intercept of the least-squares quadratic in {@code 1/N} through these seven values, each at the <em>actual</em>
 * trial count {@code N} of its subset (SCIENCE.md 4.3). When every stimulus' trial count is a multiple of 4 the
 * abscissae are {@code 1/N, 2/N, 4/N} and the fit is the quadratic through the three means,
 * <pre>I_QE = (8 I_1 - 6 mean(I_half) + mean(I_quarter)) / 3</pre>
 * (Lagrange weights 8/3, -2, 1/3). {@link #deterministic} uses the stored trial order; {@link #averaged} re-orders
 * trials uniformly at random within each stimulus and averages over permutations. In bits.
 *
 * <p>Policy: when a stimulus that has trials has fewer than 4, a quarter would lose it; the result is NaN.
 *
 * <p>Reference: Strong, Koberle, de Ruyter van Steveninck and Bialek (1998), Phys. Rev. Lett. 80:197-200;
 * Panzeri, Senatore, Montemurro and Petersen (2007), J. Neurophysiol. 98:1064-1072 (QE); pyentropy
 * {@code method='qe'}; SCIENCE.md section 4.3.
 */
public final class QuadraticExtrapolation {

    /** Trial re-orderings averaged by {@link #averaged(DiscreteResponses, RandomGenerator)}. */
    public static final int DEFAULT_PERMUTATIONS = 10;

    private static final int MIN_TRIALS_PER_STIMULUS = 4;
    private static final int PACKED_BINS = 4;
    /** Bits per bin of a packed count. */
    private static final int PACKED_BITS = 16;
    private static final long PACKED_MASK = (1L << PACKED_BITS) - 1;
    /** Full set, 2 halves, 4 quarters. */
    private static final int PARTS = 7;
    /** Of the 7 parts, into how many pieces each cuts a stimulus' trials, and which piece it is. */
    private static final int[] PARTS_OF = {1, 2, 2, 4, 4, 4, 4};
    private static final int[] PART_INDEX = {0, 0, 1, 0, 1, 2, 3};

    private QuadraticExtrapolation() {
    }

    /**
     * The intercept {@code I_inf} of the least-squares fit {@code bits[i] = I_inf + a / trials[i] + b / trials[i]^2}.
     *
     * @throws IllegalArgumentException for arrays of different lengths, a trial count below 1, a non-finite value, or
     *                                  fewer than three distinct trial counts (the quadratic is not determined)
     */
    public static double extrapolate(int[] trials, double[] bits) {
        Objects.requireNonNull(trials, "trials");
        Objects.requireNonNull(bits, "bits");
        if (trials.length != bits.length) {
            throw new IllegalArgumentException("trials and bits differ in length: " + trials.length + ", "
                    + bits.length);
        }
        for (int i = 0; i < trials.length; i++) {
            if (trials[i] < 1) {
                throw new IllegalArgumentException("trials[" + i + "] = " + trials[i] + " is below 1");
            }
            if (!Double.isFinite(bits[i])) {
                throw new IllegalArgumentException("bits[" + i + "] is not finite: " + bits[i]);
            }
        }
        if (Arrays.stream(trials).distinct().count() < 3) {
            throw new IllegalArgumentException("need at least three distinct trial counts, got "
                    + Arrays.toString(trials));
        }
        return interceptOf(trials, bits);
    }

    /**
     * {@code sum_i w_i bits[i]} with the weights of the fitted intercept: {@code w = X (X^T X)^-1 e_0} for the design
     * rows {@code (1, u_i, u_i^2)}, {@code u_i = max(trials) / trials[i]} (the same intercept as in {@code 1/N},
     * on abscissae near 1 so the normal equations are well conditioned).
     */
    private static double interceptOf(int[] trials, double[] bits) {
        double largest = Arrays.stream(trials).max().orElseThrow();
        double[][] normal = new double[3][3];
        for (int trialCount : trials) {
            double u = largest / trialCount;
            double[] row = {1.0, u, u * u};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    normal[i][j] += row[i] * row[j];
                }
            }
        }
        double[] z = firstColumnOfInverse(normal);
        double intercept = 0.0;
        for (int i = 0; i < trials.length; i++) {
            double u = largest / trials[i];
            intercept += (z[0] + z[1] * u + z[2] * u * u) * bits[i];
        }
        return intercept;
    }

    /** {@code M^-1 e_0} of a symmetric positive-definite 3 x 3 matrix, by cofactors. */
    private static double[] firstColumnOfInverse(double[][] m) {
        double c0 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
        double c1 = m[1][2] * m[2][0] - m[1][0] * m[2][2];
        double c2 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
        double determinant = m[0][0] * c0 + m[0][1] * c1 + m[0][2] * c2;
        return new double[] {c0 / determinant, c1 / determinant, c2 / determinant};
    }

    /** First trial of part {@code part} of {@code parts} of {@code n}; the first {@code n % parts} parts are larger. */
    static int partStart(int n, int parts, int part) {
        return part * (n / parts) + Math.min(part, n % parts);
    }

    /** QE in bits with halves and quarters in stored trial order; NaN if a stimulus has 1 to 3 trials. */
    public static double deterministic(DiscreteResponses responses) {
        Grouped grouped = Grouped.of(responses.responsesView(), responses.stimuliView(), responses.stimulusCount());
        return grouped.extrapolated(new ContingencyTable(responses.responseBins(), responses.stimulusCount()));
    }

    /** {@link #averaged(DiscreteResponses, int, RandomGenerator)} with {@link #DEFAULT_PERMUTATIONS}. */
    public static double averaged(DiscreteResponses responses, RandomGenerator rng) {
        return averaged(responses, DEFAULT_PERMUTATIONS, rng);
    }

    /**
     * Mean QE in bits over {@code permutations} uniform re-orderings of the trials within each stimulus.
     *
     * @throws IllegalArgumentException if {@code permutations < 1}
     */
    public static double averaged(DiscreteResponses responses, int permutations, RandomGenerator rng) {
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1, got " + permutations);
        }
        Objects.requireNonNull(rng, "rng");
        return averaged(responses.responsesView(), responses.stimuliView(), responses.responseBins(),
                responses.stimulusCount(), permutations, rng);
    }

    /** {@link #deterministic} on validated labels. */
    static double storedOrder(int[] responses, int[] stimuli, int responseBins, int stimulusCount) {
        return Grouped.of(responses, stimuli, stimulusCount).extrapolated(
                new ContingencyTable(responseBins, stimulusCount));
    }

    /**
     * {@link #storedOrder(int[], int[], int, int)}, and the joint counts of all trials into {@code table} (cleared
     * first, marginals derived). When the trials are stored stimulus by stimulus in ascending order (each stimulus
     * one run), with up to {@value #PACKED_BINS} bins and fewer than 2^16 trials, both come from the one packed pass
     * of the extrapolation (a stimulus' full-set counts are its table row); otherwise the table is counted apart.
     * Either way the same numbers as counting the table and extrapolating separately.
     */
    static double storedOrder(int[] responses, int[] stimuli, int responseBins, int stimulusCount,
            ContingencyTable table) {
        return storedOrder(responses, stimuli, responseBins, stimulusCount, table,
                ascendingRunOffsets(stimuli, stimulusCount));
    }

    /** {@link #storedOrder(int[], int[], int, int, ContingencyTable)} with the {@link #ascendingRunOffsets} given. */
    static double storedOrder(int[] responses, int[] stimuli, int responseBins, int stimulusCount,
            ContingencyTable table, int[] runOffsets) {
        table.clear();
        int[] offsets = responseBins <= PACKED_BINS && responses.length < 1 << PACKED_BITS ? runOffsets : null;
        Grouped grouped = offsets == null ? null : new Grouped(responses, offsets);
        if (grouped == null || !grouped.enoughTrials()) {
            table.addAll(responses, stimuli);
            return storedOrder(responses, stimuli, responseBins, stimulusCount);
        }
        double bits = grouped.packedExtrapolated(responseBins, table);
        table.deriveMarginals();
        return bits;
    }

    /**
     * {@code offsets[s] .. offsets[s+1]} the trials of stimulus {@code s} when every stimulus' trials are one run and
     * the runs ascend (stimuli without trials get empty ranges); null otherwise, and for a label outside
     * {@code 0 .. stimulusCount-1}.
     */
    static int[] ascendingRunOffsets(int[] stimuli, int stimulusCount) {
        int[] offsets = new int[stimulusCount + 1];
        int previous = -1;
        int i = 0;
        while (i < stimuli.length) {
            int stimulus = stimuli[i];
            if (stimulus <= previous || stimulus >= stimulusCount) {
                return null;
            }
            for (int s = previous + 1; s <= stimulus; s++) {
                offsets[s] = i;
            }
            i++;
            while (i < stimuli.length && stimuli[i] == stimulus) {
                i++;
            }
            previous = stimulus;
        }
        for (int s = previous + 1; s <= stimulusCount; s++) {
            offsets[s] = stimuli.length;
        }
        return offsets;
    }

    static double averaged(int[] responses, int[] stimuli, int responseBins, int stimulusCount, int permutations,
            RandomGenerator rng) {
        Grouped grouped = Grouped.of(responses, stimuli, stimulusCount);
        if (!grouped.enoughTrials()) {
            return Double.NaN;
        }
        ContingencyTable table = new ContingencyTable(responseBins, stimulusCount);
        double sum = 0.0;
        for (int k = 0; k < permutations; k++) {
            grouped.shuffleWithinStimuli(rng);
            sum += grouped.extrapolated(table);
        }
        return sum / permutations;
    }

    /**
     * Per part (full, halves, quarters in stored order) of every stimulus' trials {@code offsets[s] .. offsets[s+1]}:
     * the sum of {@code n ln n} over the stimuli's trial counts and the number of trials, summed in stimulus order as
     * the packed pass would (so the same values bit for bit).
     */
    record PartSums(double[] stimulusSum, int[] trials) {

        static PartSums of(int[] offsets) {
            double[] stimulusSum = new double[PARTS];
            int[] trials = new int[PARTS];
            int[] sizes = new int[PARTS];
            for (int s = 0; s + 1 < offsets.length; s++) {
                Grouped.partSizes(offsets[s + 1] - offsets[s], sizes);
                for (int part = 0; part < PARTS; part++) {
                    stimulusSum[part] += ContingencyTable.nLogN(sizes[part]);
                    trials[part] += sizes[part];
                }
            }
            return new PartSums(stimulusSum, trials);
        }
    }

    /** Responses regrouped by stimulus (stable): stimulus {@code s} owns {@code labels[offsets[s] .. offsets[s+1])}. */
    private record Grouped(int[] labels, int[] offsets) {

        static Grouped of(int[] responses, int[] stimuli, int stimulusCount) {
            int[] offsets = new int[stimulusCount + 1];
            boolean grouped = true;
            int previous = 0;
            for (int stimulus : stimuli) {
                offsets[stimulus + 1]++;
                grouped &= stimulus >= previous;
                previous = stimulus;
            }
            for (int s = 0; s < stimulusCount; s++) {
                offsets[s + 1] += offsets[s];
            }
            if (grouped) {
                return new Grouped(responses.clone(), offsets);
            }
            int[] next = Arrays.copyOf(offsets, stimulusCount);
            int[] labels = new int[responses.length];
            for (int t = 0; t < responses.length; t++) {
                labels[next[stimuli[t]]++] = responses[t];
            }
            return new Grouped(labels, offsets);
        }

        int trialsOf(int stimulus) {
            return offsets[stimulus + 1] - offsets[stimulus];
        }

        boolean enoughTrials() {
            for (int s = 0; s + 1 < offsets.length; s++) {
                int n = trialsOf(s);
                if (n > 0 && n < MIN_TRIALS_PER_STIMULUS) {
                    return false;
                }
            }
            return true;
        }

        void shuffleWithinStimuli(RandomGenerator rng) {
            for (int s = 0; s + 1 < offsets.length; s++) {
                TrialShuffling.shuffle(labels, offsets[s], offsets[s + 1], rng);
            }
        }

        double extrapolated(ContingencyTable table) {
            if (!enoughTrials()) {
                return Double.NaN;
            }
            if (table.responseBins() <= PACKED_BINS && labels.length < 1 << PACKED_BITS) {
                return packedExtrapolated(table.responseBins(), null);
            }
            int[] trials = new int[PARTS];
            double[] bits = new double[PARTS];
            for (int part = 0; part < PARTS; part++) {
                trials[part] = countPart(PARTS_OF[part], PART_INDEX[part], table);
                bits[part] = table.pluginBits();
            }
            return interceptOf(trials, bits);
        }

        /**
         * Counts part {@code part} of {@code parts} of every stimulus' trials ({@link #partStart}) into {@code table}
         * and returns its number of trials.
         */
        private int countPart(int parts, int part, ContingencyTable table) {
            table.clear();
            for (int s = 0; s + 1 < offsets.length; s++) {
                int n = trialsOf(s);
                table.addRun(s, labels, offsets[s] + partStart(n, parts, part), offsets[s] + partStart(n, parts,
                        part + 1));
            }
            table.deriveMarginals();
            return table.trials();
        }

        /**
         * {@link #extrapolated} without tables for up to {@value #PACKED_BINS} response bins and fewer than 2^16
         * trials, in one pass over the stimuli: the counts of each of the 7 parts (full, 2 halves, 4 quarters) of a
         * stimulus are accumulated packed in one long ({@value #PACKED_BITS} bits per bin) and enter the part's
         * {@code n ln n} sums at once; when a stimulus' trials split evenly into quarters, its halves and the full
         * set are sums of the quarter counts. A non-null {@code table} gets each stimulus' full-set counts as its joint
         * row (marginals not derived).
         */
        private double packedExtrapolated(int bins, ContingencyTable table) {
            double[] jointSum = new double[PARTS];
            long[] responseTotals = new long[PARTS];
            long[] packed = new long[PARTS];
            // The parts' stimulus sums and trials follow from the offsets alone: a layer's units share them.
            PartSums parts = Scratch.current().partSums(offsets);
            // prefix[i]: the packed counts of labels[0 .. i); a part's counts are the difference at its two ends.
            long[] prefix = Scratch.current().prefix(labels.length + 1);
            long running = 0;
            prefix[0] = 0;
            for (int i = 0; i < labels.length; i++) {
                running += 1L << (labels[i] * PACKED_BITS);
                prefix[i + 1] = running;
            }
            for (int s = 0; s + 1 < offsets.length; s++) {
                int n = trialsOf(s);
                int from = offsets[s];
                for (int part = 3; part < PARTS; part++) {
                    packed[part] = prefix[from + partStart(n, 4, part - 2)] - prefix[from + partStart(n, 4, part - 3)];
                }
                if (n % 4 == 0) {
                    packed[1] = packed[3] + packed[4];
                    packed[2] = packed[5] + packed[6];
                    packed[0] = packed[1] + packed[2];
                } else {
                    int middle = from + partStart(n, 2, 1);
                    packed[0] = prefix[from + n] - prefix[from];
                    packed[1] = prefix[middle] - prefix[from];
                    packed[2] = prefix[from + n] - prefix[middle];
                }
                if (table != null) {
                    table.setJointRow(s, packed[0], PACKED_BITS);
                }
                for (int part = 0; part < PARTS; part++) {
                    jointSum[part] += packedNLogN(packed[part], bins);
                    responseTotals[part] += packed[part];
                }
            }
            double[] bits = new double[PARTS];
            for (int part = 0; part < PARTS; part++) {
                bits[part] = ContingencyTable.pluginBits(jointSum[part], parts.stimulusSum()[part],
                        packedNLogN(responseTotals[part], bins), parts.trials()[part]);
            }
            return interceptOf(parts.trials(), bits);
        }

        /**
         * The trials of each part of {@code n} ({@link #partStart} with the divisors written out, so that they are
         * shifts, not divisions).
         */
        static void partSizes(int n, int[] sizes) {
            sizes[0] = n;
            sizes[1] = partStart(n, 2, 1);
            sizes[2] = n - sizes[1];
            int quarter = n / 4;
            int extra = n % 4;
            for (int k = 0; k < 4; k++) {
                sizes[3 + k] = quarter + (k < extra ? 1 : 0);
            }
        }

        private static double packedNLogN(long packed, int bins) {
            if (bins == 3) {
                // The loop below, unrolled (the same additions in the same order).
                return 0.0 + ContingencyTable.nLogN((int) (packed & PACKED_MASK))
                        + ContingencyTable.nLogN((int) ((packed >>> PACKED_BITS) & PACKED_MASK))
                        + ContingencyTable.nLogN((int) ((packed >>> (2 * PACKED_BITS)) & PACKED_MASK));
            }
            double sum = 0.0;
            for (int r = 0; r < bins; r++) {
                sum += ContingencyTable.nLogN((int) ((packed >>> (r * PACKED_BITS)) & PACKED_MASK));
            }
            return sum;
        }
    }
}
