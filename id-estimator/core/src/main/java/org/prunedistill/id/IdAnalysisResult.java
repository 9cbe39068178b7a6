package org.prunedistill.id;

import java.util.List;

/**
 * Everything {@link IdAnalysis} computes for one source; an estimator that was switched off is {@code null}
 * ({@code gride} is then an empty list).
 *
 * @param points            rows given (N, duplicates included)
 * @param dimensions        features per row (D)
 * @param duplicatesRemoved duplicate rows removed before the neighbour search
 * @param neighbours        neighbours computed per distinct point (shared by every estimator)
 * @param twoNn             TwoNN linear fit, or null
 * @param twoNnMle          TwoNN maximum likelihood with its interval, or null
 * @param gride             multiscale GRIDE, n1 ascending; empty when off
 * @param linear            PC-ID and participation ratio, or null
 * @param twoNnSubsampled   the TwoNN linear fit's mean and SD over random subsamples (the error bar), or null
 * @param decimation        TwoNN versus scale by decimation, largest subsets first; empty when off
 */
public record IdAnalysisResult(int points, int dimensions, int duplicatesRemoved, int neighbours, IdEstimate twoNn,
                               TwoNnMleEstimate twoNnMle, List<IdEstimate> gride, LinearDimensionEstimate linear,
                               SubsampledEstimate twoNnSubsampled, List<DecimationStep> decimation) {

    public IdAnalysisResult {
        gride = gride == null ? List.of() : List.copyOf(gride);
        decimation = decimation == null ? List.of() : List.copyOf(decimation);
    }
}
