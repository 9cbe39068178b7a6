package org.prunedistill.claimcheck;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The units an analysis visits: every unit of the source (the default), or, as an explicit option, a seeded uniform
 * subset without replacement in ascending order. Both analysers record it the same way ({@link UnitSampleMapping}).
 *
 * @param unitsInSource units of the source
 * @param units         the chosen unit indices, ascending
 * @param seed          seed of the subset (partial Fisher-Yates with {@link SplittableRandom}); unused for all units
 */
public record UnitSample(int unitsInSource, int[] units, long seed) {

    /** Every unit. */
    public static UnitSample all(int unitsInSource) {
        return new UnitSample(unitsInSource, IntStream.range(0, unitsInSource).toArray(), 0);
    }

    /**
     * At most {@code maxUnits} units: every unit when {@code maxUnits >= unitsInSource}, else a seeded subset.
     *
     * @throws IllegalArgumentException when {@code maxUnits < 1}
     */
    public static UnitSample atMost(int unitsInSource, int maxUnits, long seed) {
        if (maxUnits < 1) {
            throw new IllegalArgumentException("max-units must be at least 1, got " + maxUnits);
        }
        if (maxUnits >= unitsInSource) {
            return all(unitsInSource);
        }
        int[] order = IntStream.range(0, unitsInSource).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < maxUnits; i++) {
            int j = i + random.nextInt(unitsInSource - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] chosen = Arrays.copyOf(order, maxUnits);
        Arrays.sort(chosen);
        return new UnitSample(unitsInSource, chosen, seed);
    }

    /** Whether some units are left out. */
    public boolean subset() {
        return units.length < unitsInSource;
    }

    /** The chosen units of the source: the source itself for every unit, else a view of the subset. */
    public SourceActivations of(SourceActivations source) {
        if (source.units() != unitsInSource) {
            throw new IllegalArgumentException("the sample was drawn from " + unitsInSource + " units, the source has "
                    + source.units());
        }
        return subset() ? source.select(units) : source;
    }
}
