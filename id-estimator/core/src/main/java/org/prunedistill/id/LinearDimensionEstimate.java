package org.prunedistill.id;

/**
 * Linear dimensions of a point cloud (SCIENCE.md 3.6).
 *
 * @param pcaComponents       PC-ID: the number of principal components of the standardised features whose cumulative
 *                            explained variance first exceeds {@code varianceThreshold}; 0 when every feature is
 *                            constant
 * @param varianceThreshold   the fraction used, 0.9 by default
 * @param participationRatio  (sum lambda)^2 / sum lambda^2 over the eigenvalues of the (unstandardised) covariance
 *                            matrix, between 1 and min(N - 1, D); NaN when every feature is constant
 * @param features            D, the number of features given
 * @param constantFeatures    features with zero variance, left out of the standardised PCA (they explain nothing)
 */
public record LinearDimensionEstimate(int pcaComponents, double varianceThreshold, double participationRatio,
                                      int features, int constantFeatures) {
}
