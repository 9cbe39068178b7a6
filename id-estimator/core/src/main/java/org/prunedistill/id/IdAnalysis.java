package org.prunedistill.id;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The intrinsic-dimension analysis of one source, the single code path of the offline command ({@code ./pd id}) and
 * the service: neighbours computed once (duplicates removed, SCIENCE.md 3.1) and handed to TwoNN (linear fit and
 * maximum likelihood, 3.2-3.3) and multiscale GRIDE (3.5); PC-ID and participation ratio (3.6) on the rows as
 * given.
 *
 * <p>Neighbours: min(max(2, GRIDE range), distinct points - 1), so that small data sets get the largest GRIDE
 * range they allow, and at least 16 when subsets are analysed, found by the {@link NeighbourSearchMethod} chosen
 * (plain Java by default; every method gives the same lists). The TwoNN error bar (SCIENCE.md 3.4: 50 subsamples of
 * 90%) and the decimation scaling (3.5) read their subsets' neighbours off the same lists ({@link SharedNeighbours});
 * both draw from one seeded generator (seed 0 by default), the subsamples first. Either is left out (null, empty)
 * when the data are too small for it: fewer than 3 points in a subsample, or no decimation size above its minimum.
 * The result records each step's wall time for metrics. Immutable; each estimator can be switched off.
 */
public final class IdAnalysis {

    private final TwoNnEstimator twoNn;
    private final TwoNnMaximumLikelihood twoNnMle;
    private final GrideMultiscale gride;
    private final LinearDimension linear;
    private final Subsampling subsampling;
    private final DecimationScaling decimation;
    private final long seed;
    private final NeighbourSearchMethod search;

    /** Neighbours listed per point at least, so that subsets rarely need an exact fallback. */
    private static final int MIN_LISTED = 16;

    private IdAnalysis(TwoNnEstimator twoNn, TwoNnMaximumLikelihood twoNnMle, GrideMultiscale gride,
                       LinearDimension linear, Subsampling subsampling, DecimationScaling decimation, long seed,
                       NeighbourSearchMethod search) {
        if (search == null) {
            throw new IllegalArgumentException("search must not be null");
        }
        this.twoNn = twoNn;
        this.twoNnMle = twoNnMle;
        this.gride = gride;
        this.linear = linear;
        this.subsampling = subsampling;
        this.decimation = decimation;
        this.seed = seed;
        this.search = search;
    }

    /**
     * Every estimator with its defaults: fraction 0.9, alpha 0.05, GRIDE range 64, PC-ID at 90%, TwoNN error bar over
     * 50 subsamples of 90%, decimation down to 10 points, seed 0, plain-Java neighbour search.
     */
    public static IdAnalysis withDefaults() {
        return new IdAnalysis(TwoNnEstimator.withDefaults(), TwoNnMaximumLikelihood.withDefaults(),
                GrideMultiscale.withDefaults(), LinearDimension.withDefaults(), Subsampling.withDefaults(),
                DecimationScaling.withDefaults(), 0L, NeighbourSearchMethod.JAVA);
    }

    /** A copy with this TwoNN linear fit, or none (null; the error bar and the decimation then go too). */
    public IdAnalysis withTwoNn(TwoNnEstimator twoNn) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear, subsampling,
                decimation == null || twoNn == null ? null : decimation.withEstimator(twoNn), seed, search);
    }

    /** A copy with this TwoNN maximum likelihood, or none (null). */
    public IdAnalysis withTwoNnMle(TwoNnMaximumLikelihood twoNnMle) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear, subsampling, decimation, seed, search);
    }

    /** A copy with this multiscale GRIDE, or none (null). */
    public IdAnalysis withGride(GrideMultiscale gride) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear, subsampling, decimation, seed, search);
    }

    /** A copy with this linear dimension, or none (null). */
    public IdAnalysis withLinear(LinearDimension linear) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear, subsampling, decimation, seed, search);
    }

    /** A copy whose TwoNN error bar uses this subsampling (its neighbours must be 2), or none (null). */
    public IdAnalysis withSubsampling(Subsampling subsampling) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear, subsampling, decimation, seed, search);
    }

    /** A copy with this decimation scaling (its estimator is replaced by the TwoNN fit), or none (null). */
    public IdAnalysis withDecimation(DecimationScaling decimation) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear, subsampling,
                decimation == null || twoNn == null ? decimation : decimation.withEstimator(twoNn), seed, search);
    }

    /** A copy drawing subsamples and decimation subsets from this seed. */
    public IdAnalysis withSeed(long seed) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear, subsampling, decimation, seed, search);
    }

    /** A copy finding neighbours with this method. */
    public IdAnalysis withNeighbourSearch(NeighbourSearchMethod search) {
        return new IdAnalysis(twoNn, twoNnMle, gride, linear, subsampling, decimation, seed, search);
    }

    /** The seed of the subsamples and decimation subsets. */
    public long seed() {
        return seed;
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
        boolean subsets = twoNn != null && (subsampling != null || decimation != null);
        int wanted = Math.max(subsets ? MIN_LISTED : 2, gride == null ? 2 : gride.rangeMax());
        Map<String, Long> nanos = new LinkedHashMap<>();
        SharedNeighbours shared = timed(nanos, "neighbours", () -> SharedNeighbours.search(points, wanted, search));
        Neighbourhoods neighbourhoods = shared.all();
        IdEstimate linearFit = twoNn == null ? null : timed(nanos, "twonn", () -> twoNn.estimate(neighbourhoods));
        TwoNnMleEstimate mle = twoNnMle == null ? null
                : timed(nanos, "twonn-mle", () -> twoNnMle.estimateWithInterval(neighbourhoods));
        List<IdEstimate> scales = gride == null ? List.of()
                : timed(nanos, "gride", () -> gride.estimate(neighbourhoods));
        LinearDimensionEstimate pca = linear == null ? null : timed(nanos, "linear", () -> linear.estimate(points));
        SplittableRandom random = new SplittableRandom(seed);
        SubsampledEstimate errorBar = timed(nanos, "subsampling", () -> subsample(shared, random));
        List<DecimationStep> steps = decimation == null || twoNn == null || decimation.sizes(shared.n()).isEmpty()
                ? List.of() : timed(nanos, "decimation", () -> decimation.estimate(shared, random));
        return new IdAnalysisResult(points.n(), points.d(), neighbourhoods.duplicatesRemoved(), neighbourhoods.k(),
                linearFit, mle, scales, pca, errorBar, steps, nanos);
    }

    /** Runs one step and records its wall time (a diagnostic of the result, never logged). */
    private static <T> T timed(Map<String, Long> nanos, String step, Supplier<T> work) {
        long start = System.nanoTime();
        T value = work.get();
        nanos.put(step, System.nanoTime() - start);
        return value;
    }

    private SubsampledEstimate subsample(SharedNeighbours shared, SplittableRandom random) {
        if (subsampling == null || twoNn == null) {
            return null;
        }
        int size = (int) (subsampling.fraction() * shared.n());
        if (size < Points.MIN_POINTS || size - 1 < subsampling.neighbours()) {
            return null;
        }
        return subsampling.estimate(shared, twoNn, random);
    }
}
