package org.prunedistill.info;

/**
 * How well one unit's responses tell two objects apart (SCIENCE.md 5, single unit), from the confusion matrix pooled
 * over the cross-validation folds or the
 * generalisation repetitions.
 *
 * @param bits             plug-in mutual information between true and decoded object in the pooled confusion
 *                         matrix, in bits
 * @param chanceBits       the same, averaged over decodings with object labels shuffled within each transformation
 * @param bitsAboveChance  {@code bits - chanceBits}, the reported performance
 * @param percentCorrect   decoded trials that were right, in percent
 * @param trials           trial decodings pooled in the confusion matrix
 * @param splits           cross-validation folds (separability) or train/test repetitions (generalisation)
 * @param chanceShuffles   shuffles averaged for {@code chanceBits}
 */
public record DecodingPerformance(double bits, double chanceBits, double bitsAboveChance, double percentCorrect,
        int trials, int splits, int chanceShuffles) {
}
