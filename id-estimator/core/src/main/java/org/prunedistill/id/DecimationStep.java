package org.prunedistill.id;

/**
 * One subset size of {@link DecimationScaling}.
 *
 * @param size    points per subset (before duplicate removal)
 * @param subsets number of disjoint subsets of that size
 * @param id      mean of the subsets' estimates
 * @param error   standard error of that mean: population SD / sqrt(subsets), 0 for a single subset
 * @param scale   mean over the subsets of the mean (r1 + r2) / 2 of all their points, in input units
 */
public record DecimationStep(int size, int subsets, double id, double error, double scale) {
}
