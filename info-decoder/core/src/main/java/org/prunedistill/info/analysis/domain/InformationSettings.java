package org.prunedistill.info.analysis.domain;

import java.util.List;

/**
 * Everything the information analysis of a source is configured by (SCIENCE.md 4-5), read once from the service's
 * configuration ({@code config.ConfiguredSettings}); the settings that shape values are recorded with the results.
 *
 * @param responseBins            equipopulated bins of each unit's responses
 * @param luminanceBins           bins of the whole-image luminance of I(R;luminance)
 * @param featureBins             bins of RF luminance and contrast in the decomposition (at most one per view)
 * @param luminanceRatioThreshold a pair is kept (invariant information, single-unit decoding) above this ratio
 * @param permutations            label permutations of each unit's significance test
 * @param significanceLevel       p-value below which a unit counts as significant
 * @param bootstrapResamples      resamples behind each median's standard error
 * @param seed                    seed of every random draw
 * @param maxUnits                the most units of the per-unit quantities; 0 for every unit
 * @param unitFilter              which units the summaries count (SCIENCE.md 4.7)
 * @param minObjectCoverage       share of the RF the object must cover: responsive units, contrast conditions
 * @param decoding                the decoding settings
 * @param execution               how the work is scheduled, which never changes a value
 */
public record InformationSettings(int responseBins, int luminanceBins, int featureBins,
                                  double luminanceRatioThreshold, int permutations, double significanceLevel,
                                  int bootstrapResamples, long seed, int maxUnits, UnitFilter unitFilter,
                                  double minObjectCoverage, Decoding decoding, Execution execution) {

    /**
     * How the work is scheduled; results do not depend on it (each unit's randomness is seeded by its index).
     *
     * @param parallelism worker threads of the per-unit quantities and the single-unit decoding
     * @param unitBlock   units read and analysed together: the heap holds one block of the source, never all of it
     */
    public record Execution(int parallelism, int unitBlock) {
        public Execution {
            if (parallelism < 1 || unitBlock < 1) {
                throw new IllegalArgumentException("parallelism and unit block must be at least 1, got "
                        + parallelism + " and " + unitBlock);
            }
        }
    }

    /**
     * The decoding settings (SCIENCE.md 5); {@link DecodingProfile#EVERY} (0) for every unit or pair.
     *
     * @param profile                   the named profile the sample sizes started from (overrides aside)
     * @param units                     units decoded one by one (a seeded subset)
     * @param pairsPerUnit              object pairs decoded per unit
     * @param generalisationRepetitions random training views per object of the generalisation
     * @param folds                     cross-validation folds
     * @param chanceShuffles            label shuffles of each single-unit chance level
     * @param populationPool            units the pseudo-populations are drawn from
     * @param populationSizes           pseudo-population sizes asked for
     * @param populationResamplings     pseudo-populations per size
     * @param populationPairs           object pairs per pseudo-population
     * @param populationLuminanceRatioThreshold Th of the population's pairs, for every unit of a pseudo-population
     */
    public record Decoding(DecodingProfile profile, int units, int pairsPerUnit, int generalisationRepetitions,
                           int folds, int chanceShuffles, int populationPool, List<Integer> populationSizes, int populationResamplings,
                           int populationPairs, double populationLuminanceRatioThreshold) {
        public Decoding {
            populationSizes = List.copyOf(populationSizes);
        }
    }
}
