package org.prunedistill.info;

/**
 * Population decoding of object pairs at one population size (SCIENCE.md 5), summarised over resamplings: each
 * resampling's value is the mean over the object pairs of that resampling's pooled confusion matrices.
 *
 * Means are NaN when no pseudo-population was decoded.
 *
 * @param units             units per pseudo-population
 * @param resamplings       pseudo-populations decoded (those with an allowed pair)
 * @param bits              mean plug-in MI of the confusion matrix (true vs decoded object), bits
 * @param chanceBits        mean of the same with object labels shuffled within each view
 * @param bitsAboveChance   mean of {@code bits - chanceBits} over resamplings, the reported performance
 * @param bitsAboveChanceSd standard deviation (n - 1) of {@code bits - chanceBits} over resamplings (NaN for one)
 * @param percentCorrect    mean percent of test trials decoded correctly
 * @param percentCorrectSd  standard deviation (n - 1) of the percent correct over resamplings (NaN for one)
 */
public record PopulationPerformance(int units, int resamplings, double bits, double chanceBits,
        double bitsAboveChance, double bitsAboveChanceSd, double percentCorrect, double percentCorrectSd) {
}
