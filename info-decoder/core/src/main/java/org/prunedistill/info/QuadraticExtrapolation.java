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
            for (int stimulus : stimuli) {
                offsets[stimulus + 1]++;
            }
            for (int s = 0; s < stimulusCount; s++) {
                offsets[s + 1] += offsets[s];
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
                for (int i = from; i < from + size; i++) {
                    table.add(s, labels[i]);
                }
            }
            return table.pluginBits();
        }
    }
}
