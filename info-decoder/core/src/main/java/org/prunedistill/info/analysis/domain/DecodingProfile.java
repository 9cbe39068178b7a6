package org.prunedistill.info.analysis.domain;

import java.util.List;

/**
 * Named sample sizes of the decoding (SCIENCE.md 5); {@code 0} means every unit or every pair. The profile is recorded
 * with each decoding result, so a reader knows whether the numbers were computed as the paper did.
 */
public enum DecodingProfile {

    /** As the paper ran it: every counted unit and every pair passing Th, 1000 repetitions, 6-96 units x 50. */
    PAPER(DecodingProfile.EVERY, DecodingProfile.EVERY, 1000, DecodingProfile.EVERY, List.of(6, 12, 24, 48, 96), 50,
            DecodingProfile.EVERY),
    /** Seconds per source, for demonstrations: 64 units x 3 pairs, 100 repetitions, 6/24/96 units x 3, 2 pairs. */
    QUICK(64, 3, 100, 256, List.of(6, 24, 96), 3, 2);

    /** Every unit, or every pair. */
    public static final int EVERY = 0;

    private final int units;
    private final int pairsPerUnit;
    private final int generalisationRepetitions;
    private final int populationPool;
    private final List<Integer> populationSizes;
    private final int populationResamplings;
    private final int populationPairs;

    DecodingProfile(int units, int pairsPerUnit, int generalisationRepetitions, int populationPool,
            List<Integer> populationSizes, int populationResamplings, int populationPairs) {
        this.units = units;
        this.pairsPerUnit = pairsPerUnit;
        this.generalisationRepetitions = generalisationRepetitions;
        this.populationPool = populationPool;
        this.populationSizes = populationSizes;
        this.populationResamplings = populationResamplings;
        this.populationPairs = populationPairs;
    }

    public int units() {
        return units;
    }

    public int pairsPerUnit() {
        return pairsPerUnit;
    }

    public int generalisationRepetitions() {
        return generalisationRepetitions;
    }

    public int populationPool() {
        return populationPool;
    }

    public List<Integer> populationSizes() {
        return populationSizes;
    }

    public int populationResamplings() {
        return populationResamplings;
    }

    public int populationPairs() {
        return populationPairs;
    }

    /** {@code count} items at most, {@link #EVERY} meaning no limit. */
    public static int atMost(int available, int count) {
        return count == EVERY ? available : Math.min(available, count);
    }
}
