package org.prunedistill.infodecoder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Configuration of the info-decoder: its own analysis settings (store, Kafka and retry settings are shared). Every
 * value that shapes a result is recorded in that result's parameters.
 */
@ConfigMapping(prefix = "pd.info")
public interface InfoDecoderConfig {

    /** Equipopulated bins of each unit's responses (SCIENCE.md 4.2). */
    @WithDefault("3")
    int responseBins();

    /** Equipopulated bins of the conditions' whole-image luminance, the stimulus of I(R;luminance). */
    @WithDefault("4")
    int luminanceBins();

    /** Equipopulated bins of RF luminance and RF contrast in the decomposition (SCIENCE.md 4.4: one per view). */
    @WithDefault("23")
    int featureBins();

    /** Luminance-ratio threshold an object pair must exceed to enter the invariant information (SCIENCE.md 4.5). */
    @WithDefault("0.9")
    double luminanceRatioThreshold();

    /** Label permutations of each unit's significance test (SCIENCE.md 4.3 uses 100; fewer keep the service fast). */
    @WithDefault("20")
    int permutations();

    /** Significance level of the permutation p-value for the share of significant units. */
    @WithDefault("0.05")
    double significanceLevel();

    /** Bootstrap resamples behind the standard error of every published median (SCIENCE.md 4.6). */
    @WithDefault("1000")
    int bootstrapResamples();

    /** Seed of every random draw: unit subsample, permutations (mixed with the unit index) and bootstraps. */
    @WithDefault("2017")
    long seed();

    /**
     * Worker threads for the per-unit paper quantities; absent: every available processor. Results do not depend on
     * it (each unit's randomness is seeded by its index).
     */
    Optional<Integer> parallelism();

    /**
     * At most this many units (a seeded random subset, in unit order) enter the per-unit paper quantities; absent:
     * every unit. The whole-set I(R;object) and I(R;luminance) always use every unit. Results record it as
     * their unit sampling (every unit or a seeded subset, the cap, the seed) and their unit counts.
     */
    Optional<Integer> maxUnits();

    /**
     * Units read and analysed together: the heap holds one block of {@code unit-block x conditions x trials} floats
     * (plus the per-unit results), never the whole source. Results do not depend on it.
     */
    @WithDefault("1024")
    int unitBlock();

    /** Decoding of object identity (SCIENCE.md 5); smaller than the paper's defaults, so a source takes seconds. */
    Decoding decoding();

    interface Decoding {
        /** Units decoded one by one (a seeded subset; all when the source has fewer). */
        @WithDefault("64")
        int units();

        /** Object pairs per unit, a seeded choice among those passing the luminance-ratio threshold. */
        @WithDefault("3")
        int pairsPerUnit();

        /** Random training views per object for the single-unit generalisation (SCIENCE.md: 1000). */
        @WithDefault("100")
        int generalisationRepetitions();

        /** Cross-validation folds (SCIENCE.md: 5). */
        @WithDefault("5")
        int folds();

        /** Decodings with shuffled object labels averaged for each single-unit chance level. */
        @WithDefault("5")
        int chanceShuffles();

        /** Units the pseudo-populations are drawn from (a seeded subset). */
        @WithDefault("256")
        int populationPool();

        /** Pseudo-population sizes; those above the pool are left out (SCIENCE.md: 6, 12, 24, 48, 96). */
        @WithDefault("6,24,96")
        java.util.List<Integer> populationSizes();

        /** Pseudo-populations drawn per size (SCIENCE.md: 50). */
        @WithDefault("3")
        int populationResamplings();

        /** Object pairs of the population decoding, a seeded choice among all pairs. */
        @WithDefault("2")
        int populationPairs();
    }
}
