package org.prunedistill.info;

import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Permutation test of "the response carries no information about the stimulus".
 *
 * <p>The statistic is evaluated on the data and on {@code permutations} copies whose stimulus labels are permuted
 * uniformly at random across all trials; {@code p = (1 + #{null >= observed}) / (1 + permutations)}, so
 * {@code p >= 1 / (1 + permutations)}. A NaN observed statistic gives a NaN p-value. Immutable; randomness arrives
 * as a parameter.
 *
 * <p>Reference: Phipson and Smyth (2010), Stat. Appl. Genet. Mol. Biol. 9:39 (the +1 rule); Tafazoli et al.
 * (2017), J. Neurophysiol. 118:130-159, Methods; SCIENCE.md section 4.3.
 */
public final class PermutationTest {

    /** Number of permutations of {@link #withDefaults()}. */
    public static final int DEFAULT_PERMUTATIONS = 100;

    private final int permutations;

    private PermutationTest(int permutations) {
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1, got " + permutations);
        }
        this.permutations = permutations;
    }

    /** {@value #DEFAULT_PERMUTATIONS} permutations. */
    public static PermutationTest withDefaults() {
        return new PermutationTest(DEFAULT_PERMUTATIONS);
    }

    /**
     * Same test with another number of permutations.
     *
     * @throws IllegalArgumentException if {@code permutations < 1}
     */
    public PermutationTest withPermutations(int permutations) {
        return new PermutationTest(permutations);
    }

    /** Number of label permutations. */
    public int permutations() {
        return permutations;
    }

    /**
     * The permutation p-value of {@code statistic} (larger = more information) on {@code responses}.
     *
     * @param responses the data
     * @param statistic for example {@code PluginInformation::bits}
     * @param rng       source of the permutations
     * @return p in {@code [1 / (1 + permutations), 1]}, or NaN when the observed statistic is NaN
     */
    public double pValue(DiscreteResponses responses, ToDoubleFunction<DiscreteResponses> statistic,
            RandomGenerator rng) {
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(rng, "rng");
        double observed = statistic.applyAsDouble(responses);
        if (Double.isNaN(observed)) {
            return Double.NaN;
        }
        int[] permuted = responses.stimuliView().clone();
        int atLeast = 0;
        for (int k = 0; k < permutations; k++) {
            TrialShuffling.shuffle(permuted, 0, permuted.length, rng);
            if (statistic.applyAsDouble(responses.withStimuli(permuted)) >= observed) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (1.0 + permutations);
    }

    /**
     * The p-value of the plug-in information without building records; {@code table} is scratch space. The null values
     * come from {@link LabelPermutations} (sequential urn sampling, the same distribution as {@link #pValue}'s
     * shuffles, drawn differently from the same generator).
     */
    static double pluginPValue(int[] responses, int[] stimuli, int permutations, RandomGenerator rng,
            ContingencyTable table) {
        table.clear();
        table.addAll(responses, stimuli);
        double observed = table.pluginBits();
        if (!Double.isNaN(observed) && table.atMostOneTrialPerStimulus()) {
            // Every re-pairing leaves each stimulus one trial in some bin: its cells hold 0 or 1, which add 0 to the
            // joint n ln n sum, and the margins do not move, so every null value is the observed one, bit for bit.
            return 1.0;
        }
        int atLeast = 0;
        for (double permuted : new LabelPermutations(table, stimuli).nextPluginBits(rng, permutations)) {
            if (permuted >= observed) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (1.0 + permutations);
    }
}
