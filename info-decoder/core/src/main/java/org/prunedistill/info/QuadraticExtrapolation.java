package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Quadratic-extrapolation correction of the limited-sampling bias of the plug-in mutual information.
 *
 * <p>Assumes {@code I(N) = I_inf + a / N + b / N^2} and evaluates the plug-in information on all trials
 * ({@code I_1}), on the 2 halves and on the 4 quarters of the trials, each subset stratified by stimulus (from a
 * stimulus with {@code N_s} trials, a half takes {@code floor(N_s/2)} and a quarter {@code floor(N_s/4)}
 * consecutive trials; leftovers are unused). The quadratic through {@code (1/N, I_1)}, {@code (2/N, mean I_half)}
 * and {@code (4/N, mean I_quarter)} extrapolates to {@code 1/N -> 0} as (Lagrange weights 8/3, -2, 1/3)
 * <pre>I_QE = (8 I_1 - 6 mean(I_half) + mean(I_quarter)) / 3</pre>
 * which is also the least-squares quadratic through all seven subset values, as the model is saturated with
 * three distinct abscissae. {@link #deterministic} uses the stored trial order; {@link #averaged} re-orders trials
 * uniformly at random within each stimulus and averages over permutations. In bits.
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

    private QuadraticExtrapolation() {
    }

    /** The extrapolated value {@code (8 full - 6 meanHalf + meanQuarter) / 3}. */
    public static double extrapolate(double full, double meanHalf, double meanQuarter) {
        return (8.0 * full - 6.0 * meanHalf + meanQuarter) / 3.0;
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
            double full = partBits(1, 0, table);
            double half = (partBits(2, 0, table) + partBits(2, 1, table)) / 2.0;
            double quarter = 0.0;
            for (int part = 0; part < 4; part++) {
                quarter += partBits(4, part, table);
            }
            return extrapolate(full, half, quarter / 4.0);
        }

        /** Plug-in bits of part {@code part} of {@code parts}: trials {@code [part m, (part+1) m)}, m = n_s / parts. */
        private double partBits(int parts, int part, ContingencyTable table) {
            table.clear();
            for (int s = 0; s + 1 < offsets.length; s++) {
                int size = trialsOf(s) / parts;
                int from = offsets[s] + part * size;
                table.addRun(s, labels, from, from + size);
            }
            table.deriveMarginals();
            return table.pluginBits();
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
            double[] stimulusSum = new double[PARTS];
            long[] responseTotals = new long[PARTS];
            int[] trials = new int[PARTS];
            long[] packed = new long[PARTS];
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
                int quarterSize = n / 4;
                for (int part = 0; part < 4; part++) {
                    packed[3 + part] = prefix[from + (part + 1) * quarterSize] - prefix[from + part * quarterSize];
                }
                if (n % 4 == 0) {
                    packed[1] = packed[3] + packed[4];
                    packed[2] = packed[5] + packed[6];
                    packed[0] = packed[1] + packed[2];
                } else {
                    packed[0] = prefix[from + n] - prefix[from];
                    packed[1] = prefix[from + n / 2] - prefix[from];
                    packed[2] = prefix[from + 2 * (n / 2)] - prefix[from + n / 2];
                }
                if (table != null) {
                    table.setJointRow(s, packed[0], PACKED_BITS);
                }
                for (int part = 0; part < PARTS; part++) {
                    int size = part == 0 ? n : part < 3 ? n / 2 : quarterSize;
                    jointSum[part] += packedNLogN(packed[part], bins);
                    stimulusSum[part] += ContingencyTable.nLogN(size);
                    responseTotals[part] += packed[part];
                    trials[part] += size;
                }
            }
            double[] bits = new double[PARTS];
            for (int part = 0; part < PARTS; part++) {
                bits[part] = ContingencyTable.pluginBits(jointSum[part], stimulusSum[part],
                        packedNLogN(responseTotals[part], bins), trials[part]);
            }
            return extrapolate(bits[0], (bits[1] + bits[2]) / 2.0, (bits[3] + bits[4] + bits[5] + bits[6]) / 4.0);
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
