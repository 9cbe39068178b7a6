package org.prunedistill.id;

import java.util.List;

/**
 * The intrinsic-dimension analysis of one source, the single code path of the offline command ({@code ./pd id}) and
 * the service: neighbours computed once (duplicates removed, SCIENCE.md 3.1) and handed to TwoNN (linear fit and
 * maximum likelihood, 3.2-3.3) and multiscale GRIDE (3.5); PC-ID and participation ratio (3.6) on the rows as
 * given.
 *
 * <p>Neighbours: min(max(2, GRIDE range), distinct points - 1), so that small data sets get the largest GRIDE
 * range they allow. Immutable; each estimator can be switched off.
 */
public final class IdAnalysis {

    private final TwoNnEstimator twoNn;
    private final TwoNnMaximumLikelihood twoNnMle;
    private final GrideMultiscale gride;
    private final LinearDimension linear;

    private IdAnalysis(TwoNnEstimator twoNn, TwoNnMaximumLikelihood twoNnMle, GrideMultiscale gride,
                       LinearDimension linear) {
        this.twoNn = twoNn;
        this.twoNnMle = twoNnMle;
        this.gride = gride;
        this.linear = linear;
    }

    /** Every estimator with its defaults: fraction 0.9, alpha 0.05, GRIDE range 64, PC-ID at 90%. */
    public static IdAnalysis withDefaults() {
        return new IdAnalysis(TwoNnEstimator.withDefaults(), TwoNnMaximumLikelihood.withDefaults(),
                GrideMultiscale.withDefaults(), LinearDimension.withDefaults());
    }

    /** A copy with this TwoNN linear fit, or none (null). */
    public IdAnalysis withTwoNn(TwoNnEstimator twoNn) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear);
    }

    /** A copy with this TwoNN maximum likelihood, or none (null). */
    public IdAnalysis withTwoNnMle(TwoNnMaximumLikelihood twoNnMle) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear);
    }

    /** A copy with this multiscale GRIDE, or none (null). */
    public IdAnalysis withGride(GrideMultiscale gride) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear);
    }

    /** A copy with this linear dimension, or none (null). */
    public IdAnalysis withLinear(LinearDimension linear) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear);
    }

    /**
     * Runs the analysis.
     *
     * @throws IllegalArgumentException if points is null or fewer than 3 distinct rows remain
     */
    public IdAnalysisResult analyse(Points points) {
        if (points == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        int wanted = gride == null ? 2 : Math.max(2, gride.rangeMax());
        Neighbourhoods neighbourhoods = NearestNeighbours.upTo(points, wanted);
        IdEstimate linearFit = twoNn == null ? null : twoNn.estimate(neighbourhoods);
        TwoNnMleEstimate mle = twoNnMle == null ? null : twoNnMle.estimateWithInterval(neighbourhoods);
        List<IdEstimate> scales = gride == null ? List.of() : gride.estimate(neighbourhoods);
        LinearDimensionEstimate pca = linear == null ? null : linear.estimate(points);
        return new IdAnalysisResult(points.n(), points.d(), neighbourhoods.duplicatesRemoved(), neighbourhoods.k(),
                linearFit, mle, scales, pca);
    }
}
