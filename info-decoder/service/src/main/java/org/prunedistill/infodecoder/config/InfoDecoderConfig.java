package org.prunedistill.infodecoder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;
import org.prunedistill.info.analysis.domain.DecodingProfile;
import org.prunedistill.info.analysis.domain.UnitFilter;

/**
 * Configuration of the info-decoder: its own analysis settings (store, Kafka and retry settings are shared), read
 * once into the record the analysis takes ({@link ConfiguredSettings}). Every value that shapes a result is recorded
 * in that result's parameters.
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

    /**
     * Label permutations of each unit's significance test (SCIENCE.md 4.3, 4.7). With {@code unit-filter=included}
     * the smallest possible p-value, {@code 1 / (1 + permutations)}, must lie below the significance level.
     */
    @WithDefault("100")
    int permutations();

    /** Significance level of the permutation p-value: below it a unit is informative (SCIENCE.md 4.7). */
    @WithDefault("0.05")
    double significanceLevel();

    /**
     * Which units the per-unit medians, their bootstrap errors and the decoding rest on (SCIENCE.md 4.7):
     * {@code included} (responsive and informative) or {@code all}. The median over every analysed unit is published
     * beside each median either way.
     */
    @WithDefault("included")
    UnitFilter unitFilter();

    /**
     * Share of a unit's RF map the object must cover, in at least one of its conditions, for the unit to be
     * responsive; the contrast decomposition keeps only the conditions with at least this coverage (SCIENCE.md 4.7).
     * Applies when the manifest carries {@code rf_coverage}.
     */
    @WithDefault("0.10")
    double minObjectCoverage();

    /**
     * Bootstrap behind the standard error of every published median (SCIENCE.md 4.6): 0, the default, computes it
     * exactly from the order statistics (the limit of resampling, no Monte-Carlo noise, O(n log n)); 2 or more draws
     * that many random resamples instead.
     */
    @WithDefault("0")
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

    /**
     * Decoding of object identity (SCIENCE.md 5). A named profile gives the sample sizes; each setting given here
     * overrides its profile's value ({@code 0} = every unit or every pair).
     */
    Decoding decoding();

    interface Decoding {
        /**
         * {@code paper} (the default): SCIENCE.md 5 as the paper ran it, every counted unit and every pair passing
         * Th, 1000 generalisation repetitions, pseudo-populations of 6-96 units resampled 50 times; {@code quick}:
         * samples that take seconds per source, for demonstrations ({@code DecodingProfile}).
         */
        @WithDefault("paper")
        DecodingProfile profile();

        /** Units decoded one by one (a seeded subset of the counted units; 0 = all). */
        Optional<Integer> units();

        /** Object pairs per unit, a seeded choice among those passing the luminance-ratio threshold (0 = all). */
        Optional<Integer> pairsPerUnit();

        /** Random training views per object for the single-unit generalisation. */
        Optional<Integer> generalisationRepetitions();

        /** Cross-validation folds (SCIENCE.md: 5). */
        @WithDefault("5")
        int folds();

        /** Decodings with shuffled object labels averaged for each single-unit chance level. */
        @WithDefault("5")
        int chanceShuffles();

        /** Units the pseudo-populations are drawn from (a seeded subset of the counted units; 0 = all). */
        Optional<Integer> populationPool();

        /** Pseudo-population sizes; those above the pool are left out. */
        Optional<List<Integer>> populationSizes();

        /** Pseudo-populations drawn per size. */
        Optional<Integer> populationResamplings();

        /**
         * Object pairs per pseudo-population, a seeded choice among the pairs passing
         * {@code population-luminance-ratio-threshold} for every unit of that pseudo-population (0 = all).
         */
        Optional<Integer> populationPairs();

        /** Th of the population's object pairs, on each unit's RF luminance (SCIENCE.md 5: 0.8). */
        @WithDefault("0.8")
        double populationLuminanceRatioThreshold();
    }
}
