package org.prunedistill.info;

/**
 * Separability and generalisation of one population size (SCIENCE.md 5, population).
 *
 * @param separability            5-fold cross-validation over the trials of all views of each pair
 * @param generalisation          train on one view of each object, test on all other views, every combination of
 *                                views
 * @param resamplingsWithoutPair  pseudo-populations drawn but not decoded: no pair allowed by all their units
 * @param decodedPairs            indices (into the pairs given) of the pairs decoded by at least one
 *                                pseudo-population, ascending
 */
public record PopulationDecoding(PopulationPerformance separability, PopulationPerformance generalisation,
        int resamplingsWithoutPair, int[] decodedPairs) {
}
