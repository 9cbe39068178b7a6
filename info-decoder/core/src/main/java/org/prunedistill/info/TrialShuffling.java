package org.prunedistill.info;

import java.util.random.RandomGenerator;

/** Uniform in-place permutations (Fisher-Yates) for the resampling estimators. */
final class TrialShuffling {

    private TrialShuffling() {
    }

    /**
     * Uniform integer in {@code [0, bound)} from 32 random bits by multiplication, with Lemire's rejection of the
     * few biased products (Lemire 2019, ACM TOMACS 29:3, "Fast random integer generation in an interval"); exact, and
     * free of the division of the usual rejection loop.
     */
    static int boundedInt(RandomGenerator rng, int bound) {
        return boundedInt(rng.nextInt() & 0xFFFFFFFFL, rng, bound);
    }

    /** {@link #boundedInt(RandomGenerator, int)} starting from the 32 random bits {@code random32} already drawn. */
    static int boundedInt(long random32, RandomGenerator rng, int bound) {
        long product = random32 * bound;
        long low = product & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                product = (rng.nextInt() & 0xFFFFFFFFL) * bound;
                low = product & 0xFFFFFFFFL;
            }
        }
        return (int) (product >>> 32);
    }

    /** Permutes {@code values[from .. to)} uniformly at random in place. */
    static void shuffle(int[] values, int from, int to, RandomGenerator rng) {
        for (int i = to - 1; i > from; i--) {
            int j = from + boundedInt(rng, i - from + 1);
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
        table.clear();
        table.addAll(responses, stimuli);
        double sum = 0.0;
        for (double shuffled : new LabelPermutations(table, stimuli).nextPluginBits(rng, shuffles)) {
            sum += shuffled;
        }
        return sum / shuffles;
    }
}
