package org.prunedistill.info;

import java.util.random.RandomGenerator;

/** Uniform in-place permutations (Fisher-Yates) for the resampling estimators. */
final class TrialShuffling {

    private TrialShuffling() {
    }

    /** Permutes {@code values[from .. to)} uniformly at random in place. */
    static void shuffle(int[] values, int from, int to, RandomGenerator rng) {
        for (int i = to - 1; i > from; i--) {
            int j = from + rng.nextInt(i - from + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /**
     * Mean plug-in information in bits over {@code shuffles} uniform permutations of the stimulus labels across all
     * trials; {@code table} is scratch space of the right shape.
     */
    static double meanShuffledPluginBits(int[] responses, int[] stimuli, int shuffles, RandomGenerator rng,
            ContingencyTable table) {
        int[] permuted = stimuli.clone();
        double sum = 0.0;
        for (int k = 0; k < shuffles; k++) {
            shuffle(permuted, 0, permuted.length, rng);
            table.clear();
            table.addAll(responses, permuted);
            sum += table.pluginBits();
        }
        return sum / shuffles;
    }
}
