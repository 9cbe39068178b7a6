package org.prunedistill.info;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Shuffle-subtraction correction: plug-in information minus the mean plug-in information over random permutations
 * of the stimulus labels across all trials, which estimates the bias of a unit that carries no information with the
 * same response distribution. Immutable; randomness arrives as a parameter. In bits.
 *
 * <p>The subtracted null mean is larger than the true bias when the unit carries information (the shuffled table
 * keeps the pooled response distribution), so this correction is conservative.
 *
 * <p>Reference: Panzeri, Senatore, Montemurro and Petersen (2007), J. Neurophysiol. 98:1064-1072 (bootstrap
 * subtraction); Tafazoli et al. (2017), J. Neurophysiol. 118:130-159, Methods; SCIENCE.md section 4.3.
 */
public final class ShuffleSubtraction {

    /** Number of label shuffles of {@link #withDefaults()}. */
    public static final int DEFAULT_SHUFFLES = 20;

    private final int shuffles;

    private ShuffleSubtraction(int shuffles) {
        if (shuffles < 1) {
            throw new IllegalArgumentException("shuffles must be at least 1, got " + shuffles);
        }
        this.shuffles = shuffles;
    }

    /** {@value #DEFAULT_SHUFFLES} shuffles. */
    public static ShuffleSubtraction withDefaults() {
        return new ShuffleSubtraction(DEFAULT_SHUFFLES);
    }

    /**
     * Same correction with another number of shuffles.
     *
     * @throws IllegalArgumentException if {@code shuffles < 1}
     */
    public ShuffleSubtraction withShuffles(int shuffles) {
        return new ShuffleSubtraction(shuffles);
    }

    /** Number of shuffles averaged. */
    public int shuffles() {
        return shuffles;
    }

    /** Mean plug-in bits over the shuffles (the estimated bias). */
    public double meanShuffledBits(DiscreteResponses responses, RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        return TrialShuffling.meanShuffledPluginBits(responses.responsesView(), responses.stimuliView(), shuffles,
                rng, new ContingencyTable(responses.responseBins(), responses.stimulusCount()));
    }

    /** Plug-in bits minus {@link #meanShuffledBits}. */
    public double correctedBits(DiscreteResponses responses, RandomGenerator rng) {
        return PluginInformation.bits(responses) - meanShuffledBits(responses, rng);
    }
}
