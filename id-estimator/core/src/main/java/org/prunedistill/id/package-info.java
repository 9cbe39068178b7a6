/**
 * Intrinsic-dimension numerics, framework-free.
 *
 * <p>Flow: {@link org.prunedistill.id.Points} (N x D float32, row-major) go through
 * {@link org.prunedistill.id.NearestNeighbours#exact} once per source; the resulting
 * {@link org.prunedistill.id.Neighbourhoods} are handed to every {@link org.prunedistill.id.IdEstimator}, each of
 * which returns an {@link org.prunedistill.id.IdEstimate}. Around them: multiscale GRIDE, error bars by subsampling
 * (points or equal units), decimation scaling and the linear dimension (PC-ID, participation ratio);
 * {@link org.prunedistill.id.IdAnalysis} runs the per-source set used by {@code ./pd id} and the service. The profile
 * along layers or areas and its verdict live in the verdicts module. See SCIENCE.md section 3 for the equations.
 */
package org.prunedistill.id;
