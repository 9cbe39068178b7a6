/**
 * Intrinsic-dimension numerics, framework-free.
 *
 * <p>Flow: {@link org.prunedistill.id.Points} (N x D float32, row-major) go through
 * {@link org.prunedistill.id.NearestNeighbours#exact} once per source; the resulting
 * {@link org.prunedistill.id.Neighbourhoods} are handed to every {@link org.prunedistill.id.IdEstimator}, each of
 * which returns an {@link org.prunedistill.id.IdEstimate}. See SCIENCE.md section 3 for the equations.
 */
package org.prunedistill.id;
