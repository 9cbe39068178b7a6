package org.prunedistill.idestimator.domain;

/**
 * The settings behind one source's intrinsic-dimension results, as every result records them (SCIENCE.md 3).
 *
 * @param fraction          fraction of the sorted TwoNN ratios the linear fit keeps
 * @param alpha             significance level of the TwoNN maximum-likelihood interval
 * @param grideRange        largest GRIDE order n2
 * @param pcaThreshold      cumulative explained variance PC-ID counts components up to
 * @param subsamples        random subsamples of the TwoNN error bar; 0 for none
 * @param subsampleFraction fraction of the distinct points in each subsample
 * @param decimation        whether TwoNN versus scale by decimation is computed
 * @param seed              seed of the subsamples, the decimation subsets and the unit subset
 * @param maxUnits          the most units analysed (for an area compared at equal units, the common count); 0 for
 *                          every unit
 */
public record IdSettings(double fraction, double alpha, int grideRange, double pcaThreshold, int subsamples,
                         double subsampleFraction, boolean decimation, long seed, int maxUnits) {
}
