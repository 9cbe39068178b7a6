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
 *
 * <p>Points too large for memory are analysed from {@link ColumnBlocks} in one pass, with the same results.
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
        Map<String, Long> nanos = new LinkedHashMap<>();
        SharedNeighbours shared = timed(nanos, "neighbours",
                () -> SharedNeighbours.search(points, neighboursWanted(), search));
        LinearDimensionEstimate pca = linear == null ? null : timed(nanos, "linear", () -> linear.estimate(points));
        return estimate(shared, pca, points.n(), points.d(), nanos);
    }

    /**
     * Runs the analysis on points read a block of columns at a time, in one pass: the exact distance of every pair
     * ({@link PairwiseDistances}) and, for the linear dimension, the Gram matrices ({@link GramMoments}) are summed
     * block by block, then every estimator runs as in {@link #analyse(Points)} with the same result, bit for bit
     * (the neighbour search method is not used: the distances are all there). Memory: one block, N^2 / 2 + 2 N^2
     * doubles, the neighbour lists. Sources with no more columns than rows are gathered and analysed in memory.
     * Steps timed: {@code reading} (the blocks), {@code neighbours}, {@code linear}, then the estimators.
     *
     * @throws IllegalArgumentException if blocks is null, a value is not finite (naming its row and column), or
     *                                  fewer than 3 distinct rows remain
     */
    public IdAnalysisResult analyse(ColumnBlocks blocks) {
        if (blocks == null) {
            throw new IllegalArgumentException("blocks must not be null");
        }
        int n = blocks.n();
        int d = blocks.d();
        if (n < Points.MIN_POINTS || d <= n) {
            return analyse(gather(blocks));
        }
        PairwiseDistances pairs = new PairwiseDistances(n);
        GramMoments moments = linear == null ? null : new GramMoments(n);
        long[] spent = new long[2];
        int[] next = new int[1];
        long start = System.nanoTime();
        blocks.forEach((from, width, values) -> {
            requireBlock(values, from, width, n, next[0]);
            next[0] += width;
            long before = System.nanoTime();
            pairs.add(values, width);
            long between = System.nanoTime();
            if (moments != null) {
                moments.add(values, width);
            }
            spent[0] += between - before;
            spent[1] += System.nanoTime() - between;
        });
        if (next[0] != d) {
            throw new IllegalArgumentException("blocks: " + next[0] + " of " + d + " columns were handed out");
        }
        long last = System.nanoTime();
        pairs.complete();
        spent[0] += System.nanoTime() - last;
        Map<String, Long> nanos = new LinkedHashMap<>();
        nanos.put("reading", System.nanoTime() - start - spent[0] - spent[1]);
        long listing = System.nanoTime();
        int[] distinct = pairs.distinctRows();
        if (distinct.length < Points.MIN_POINTS) {
            throw new IllegalArgumentException("points: only " + distinct.length + " distinct point(s) remain after "
                    + "removing " + (n - distinct.length) + " duplicate rows; need at least " + Points.MIN_POINTS);
        }
        SharedNeighbours shared = SharedNeighbours.of(
                pairs.neighbourhoods(distinct, Math.min(neighboursWanted(), distinct.length - 1)),
                (a, b) -> pairs.distance(distinct[a], distinct[b]));
        nanos.put("neighbours", spent[0] + System.nanoTime() - listing);
        LinearDimensionEstimate pca = null;
        if (moments != null) {
            long eigen = System.nanoTime();
            pca = moments.estimate(linear.varianceThreshold());
            nanos.put("linear", spent[1] + System.nanoTime() - eigen);
        }
        return estimate(shared, pca, n, d, nanos);
    }

    /** The TwoNN family, GRIDE and the subsets on the shared lists; the linear dimension already estimated. */
    private IdAnalysisResult estimate(SharedNeighbours shared, LinearDimensionEstimate pca, int n, int d,
                                      Map<String, Long> nanos) {
        Neighbourhoods neighbourhoods = shared.all();
        IdEstimate linearFit = twoNn == null ? null : timed(nanos, "twonn", () -> twoNn.estimate(neighbourhoods));
        TwoNnMleEstimate mle = twoNnMle == null ? null
                : timed(nanos, "twonn-mle", () -> twoNnMle.estimateWithInterval(neighbourhoods));
        List<IdEstimate> scales = gride == null ? List.of()
                : timed(nanos, "gride", () -> gride.estimate(neighbourhoods));
        SplittableRandom random = new SplittableRandom(seed);
        SubsampledEstimate errorBar = timed(nanos, "subsampling", () -> subsample(shared, random));
        List<DecimationStep> steps = decimation == null || twoNn == null || decimation.sizes(shared.n()).isEmpty()
                ? List.of() : timed(nanos, "decimation", () -> decimation.estimate(shared, random));
        return new IdAnalysisResult(n, d, neighbourhoods.duplicatesRemoved(), neighbourhoods.k(), linearFit, mle,
                scales, pca, errorBar, steps, nanos);
    }

    /** Neighbours listed per point: the GRIDE range, at least 16 when subsets are analysed, at least 2. */
    private int neighboursWanted() {
        boolean subsets = twoNn != null && (subsampling != null || decimation != null);
        return Math.max(subsets ? MIN_LISTED : 2, gride == null ? 2 : gride.rangeMax());
    }

    /** The blocks as in-memory points (validated by {@link Points}). */
    private static Points gather(ColumnBlocks blocks) {
        int n = blocks.n();
        int d = blocks.d();
        float[] data = new float[Math.multiplyExact(n, d)];
        blocks.forEach((from, width, values) -> {
            for (int r = 0; r < n; r++) {
                System.arraycopy(values, r * width, data, r * d + from, width);
            }
        });
        return new Points(data, n, d);
    }

    /** The next block in column order, n x width, and finite (as {@link Points}: the value named by row, column). */
    private static void requireBlock(float[] values, int from, int width, int n, int next) {
        if (from != next || width < 1 || values.length != (long) n * width) {
            throw new IllegalArgumentException("blocks: a block of " + values.length + " values at columns [" + from
                    + ", " + (from + width) + ") where " + n + " x " + width + " values from column " + next
                    + " were due");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("data: non-finite value " + values[i] + " at row " + (i / width)
                        + ", column " + (from + i % width));
            }
        }
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
