package org.prunedistill.infodecoder.domain;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** The units a per-unit analysis visits: all of them, or a seeded uniform subset without replacement, ascending. */
public final class UnitSample {

    private UnitSample() {
    }

    /**
     * Unit indices to analyse.
     *
     * @param units    units of the source
     * @param maxUnits at most this many (all when {@code maxUnits >= units})
     * @param seed     seed of the subset (partial Fisher-Yates)
     * @throws IllegalArgumentException when {@code maxUnits < 1}
     */
    public static int[] of(int units, int maxUnits, long seed) {
        if (maxUnits < 1) {
            throw new IllegalArgumentException("pd.info.max-units must be at least 1, got " + maxUnits);
        }
        int[] all = IntStream.range(0, units).toArray();
        if (maxUnits >= units) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < maxUnits; i++) {
            int j = i + random.nextInt(units - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        int[] chosen = Arrays.copyOf(all, maxUnits);
        Arrays.sort(chosen);
        return chosen;
    }
}
