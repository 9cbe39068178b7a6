package org.prunedistill.infodecoder.domain;

import java.util.List;

/**
 * The settings behind one source's information results, as the results record them (SCIENCE.md 4-5).
 *
 * @param responseBins            equipopulated bins of each unit's responses
 * @param luminanceBins           bins of the whole-image luminance of I(R;luminance)
 * @param luminanceRatioThreshold a pair is kept (invariant information, single-unit decoding) above this ratio
 * @param permutations            label permutations of each unit's significance test
 * @param significanceLevel       p-value below which a unit counts as significant
 * @param bootstrapResamples      resamples behind each median's standard error
 * @param seed                    seed of every random draw
 * @param maxUnits                the most units of the per-unit quantities; 0 for every unit
 * @param unitFilter              which units the summaries count (SCIENCE.md 4.7)
 * @param minObjectCoverage       share of the RF the object must cover: responsive units, contrast conditions
 * @param decoding                the decoding settings
 */
public record InformationSettings(int responseBins, int luminanceBins, double luminanceRatioThreshold,
                                  int permutations, double significanceLevel, int bootstrapResamples, long seed,
                                  int maxUnits, UnitFilter unitFilter, double minObjectCoverage, Decoding decoding) {

    /**
     * The decoding settings (SCIENCE.md 5).
     *
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
    public record Decoding(int units, int pairsPerUnit, int generalisationRepetitions, int folds, int chanceShuffles,
                           int populationPool, List<Integer> populationSizes, int populationResamplings,
                           int populationPairs, double populationLuminanceRatioThreshold) {
        public Decoding {
            populationSizes = List.copyOf(populationSizes);
        }
    }
}
