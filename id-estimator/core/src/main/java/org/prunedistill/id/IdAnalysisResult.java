package org.prunedistill.id;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * @param nanosByStep       wall time of each step run (neighbours, twonn, twonn-mle, gride, linear, subsampling,
 *                          decimation), in run order: a diagnostic for metrics, not part of equality
 */
public record IdAnalysisResult(int points, int dimensions, int duplicatesRemoved, int neighbours, IdEstimate twoNn,
                               TwoNnMleEstimate twoNnMle, List<IdEstimate> gride, LinearDimensionEstimate linear,
                               SubsampledEstimate twoNnSubsampled, List<DecimationStep> decimation,
                               Map<String, Long> nanosByStep) {

    public IdAnalysisResult {
        gride = gride == null ? List.of() : List.copyOf(gride);
        decimation = decimation == null ? List.of() : List.copyOf(decimation);
        nanosByStep = nanosByStep == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(nanosByStep));
    }

    /** Equal estimates, whatever the timings. */
    @Override
    public boolean equals(Object other) {
        return other instanceof IdAnalysisResult that && points == that.points && dimensions == that.dimensions
                && duplicatesRemoved == that.duplicatesRemoved && neighbours == that.neighbours
                && Objects.equals(twoNn, that.twoNn) && Objects.equals(twoNnMle, that.twoNnMle)
                && gride.equals(that.gride) && Objects.equals(linear, that.linear)
                && Objects.equals(twoNnSubsampled, that.twoNnSubsampled) && decimation.equals(that.decimation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(points, dimensions, duplicatesRemoved, neighbours, twoNn, twoNnMle, gride, linear,
                twoNnSubsampled, decimation);
    }
}
