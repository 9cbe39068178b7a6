package org.prunedistill.id.nd4j;

import org.prunedistill.id.DistinctRows;
import org.prunedistill.id.NearestNeighbours;
import org.prunedistill.id.NeighbourSearchMethod;
import org.prunedistill.id.Neighbourhoods;
import org.prunedistill.id.Points;

/**
 * Exact k-nearest-neighbour search (Euclidean) at scale: the same {@link Neighbourhoods} as
 * {@link NearestNeighbours#exact(Points, int)} (same duplicate removal, distances to the last bit, ties by lower
 * index), with the all-pairs screening done by float32 matrix products through ND4J (BLAS sgemm) in bounded memory.
 *
 * <p>Method (SCIENCE.md 3.1 for duplicates; Higham 2002 eq. 3.5 for the error bound):
 * <ol>
 *     <li>duplicate rows removed, first occurrence kept ({@link DistinctRows});</li>
 *     <li>points centred on the column mean and rounded to float32; for row blocks I and all later points J
 *     (symmetry: each unordered pair once), {@code G = X'_I X'_J^T} by sgemm, the feature axis in chunks of at most
 *     1,024 columns accumulated by the BLAS; key {@code |x'|^2 + |y'|^2 - 2 G} in double offered to both points'
 *     lists of {@code k + max(8, k / 2)} candidates ({@link GramScreen});</li>
 *     <li>exact double distances for the candidates, k best by (distance, index); a rigorous bound on the screening
 *     error proves no other point can enter, else that point is rescanned against all others
 *     ({@link CandidateRefinement}).</li>
 * </ol>
 *
 * <p>Memory: the budget bounds the working memory (off-heap float32 copy of the centred input when it fits, else a
 * streamed chunk; one block of products; candidate lists), not the caller's input, nor the copy
 * {@link DistinctRows} makes when duplicates are removed, nor the returned n x k arrays. Time: about
 * {@code N^2 D} float32 multiply-adds (half the pairs) at BLAS speed, plus {@code N (k + few) D} for exact
 * distances. Uses the common fork-join pool and OpenBLAS's threads.
 */
public final class Nd4jNearestNeighbours {

    /** Working memory used by {@link #exact(Points, int)}: 2 GiB. */
    public static final long DEFAULT_MEMORY_BUDGET = 2L << 30;
    /** Fewest extra candidates per point beyond k (the slack is max(8, k / 2)). */
    static final int MIN_SLACK = 8;
    /** Size of search from which {@link #auto} uses ND4J (about a second of plain-Java work). */
    public static final double AUTO_MULTIPLY_ADDS = 1e9;

    private Nd4jNearestNeighbours() {
    }

    /**
     * How the exact pass computes distances in this JVM: {@code "vector (8 double lanes)"} where the JVM resolved
     * {@code jdk.incubator.vector} ({@code --add-modules=ALL-SYSTEM}) on a CPU with 512-bit vectors, else
     * {@code "scalar (why)"}. The results are the same bits either way; the vector pass is faster (README).
     */
    public static String exactPassArithmetic() {
        return RowDistances.fastest().describe();
    }

    /** {@link #exact(Points, int, long)} with {@link #DEFAULT_MEMORY_BUDGET}. */
    public static Neighbourhoods exact(Points points, int k) {
        return exact(points, k, DEFAULT_MEMORY_BUDGET);
    }

    /**
     * The k nearest other points of every distinct point, identical to {@link NearestNeighbours#exact(Points, int)}.
     *
     * @param points            the points; duplicate rows are removed and counted
     * @param k                 neighbours per point, {@code 1 <= k <= (distinct points) - 1}
     * @param memoryBudgetBytes working memory allowed (see the class comment), positive
     * @throws IllegalArgumentException naming the parameter: null points, fewer than 3 distinct points, k out of
     *                                  range, or a budget too small for the smallest blocks
     */
    public static Neighbourhoods exact(Points points, int k, long memoryBudgetBytes) {
        return search(points, k, memoryBudgetBytes).neighbourhoods();
    }

    /**
     * The {@code min(maxK, distinct points - 1)} nearest other points of every distinct point, as
     * {@link NearestNeighbours#upTo(Points, int)}.
     *
     * @throws IllegalArgumentException as {@link #exact(Points, int, long)}, or if {@code maxK < 1}
     */
    public static Neighbourhoods upTo(Points points, int maxK, long memoryBudgetBytes) {
        if (maxK < 1) {
            throw new IllegalArgumentException("maxK must be at least 1, got " + maxK);
        }
        DistinctRows.Result distinct = distinctRows(points);
        return search(points, distinct, Math.min(maxK, distinct.n() - 1), memoryBudgetBytes).neighbourhoods();
    }

    /** This search, within the memory budget, as the neighbour search of {@code IdAnalysis}. */
    public static NeighbourSearchMethod method(long memoryBudgetBytes) {
        if (memoryBudgetBytes <= 0) {
            throw new IllegalArgumentException("memoryBudgetBytes must be positive, got " + memoryBudgetBytes);
        }
        return (points, maxK) -> upTo(points, maxK, memoryBudgetBytes);
    }

    /**
     * The plain-Java search for small sources, where loading the native BLAS would cost more than it saves, this
     * search from {@value #AUTO_MULTIPLY_ADDS} pairwise multiply-adds (N^2 D / 2) on; both give the same lists.
     */
    public static NeighbourSearchMethod auto(long memoryBudgetBytes) {
        NeighbourSearchMethod nd4j = method(memoryBudgetBytes);
        return (points, maxK) -> (double) points.n() * points.n() * points.d() / 2.0 >= AUTO_MULTIPLY_ADDS
                ? nd4j.upTo(points, maxK) : NeighbourSearchMethod.JAVA.upTo(points, maxK);
    }

    /** {@link #exact(Points, int, long)} with how the work was cut and how many points needed a full rescan. */
    public static NeighbourSearch search(Points points, int k, long memoryBudgetBytes) {
        return search(points, distinctRows(points), k, memoryBudgetBytes);
    }

    private static NeighbourSearch search(Points points, DistinctRows.Result distinct, int k, long memoryBudgetBytes) {
        int n = distinct.n();
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException("k must be in [1, " + (n - 1) + "] (distinct points - 1), got " + k);
        }
        if (memoryBudgetBytes <= 0) {
            throw new IllegalArgumentException("memoryBudgetBytes must be positive, got " + memoryBudgetBytes);
        }
        int capacity = (int) Math.min(n - 1L, (long) k + Math.max(MIN_SLACK, k / 2));
        if ((long) n * capacity > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("k: " + n + " points x " + capacity + " candidates exceed one array");
        }
        int d = points.d();
        BlockPlan plan = BlockPlan.of(n, d, capacity, memoryBudgetBytes);
        GramScreen.Screened screened = GramScreen.screen(distinct.data(), n, d, capacity, plan);
        long refining = System.nanoTime();
        CandidateRefinement.Refined refined = CandidateRefinement.refine(distinct.data(), n, d, k, screened);
        NeighbourSearch.Phases seconds = new NeighbourSearch.Phases(screened.centringSeconds(),
                screened.productSeconds(), screened.keySeconds(), (System.nanoTime() - refining) / 1e9);
        Neighbourhoods neighbourhoods = new Neighbourhoods(refined.distances(), refined.indices(), points.n(),
                distinct.removed());
        return new NeighbourSearch(neighbourhoods, plan, refined.rescanned(), seconds);
    }

    private static DistinctRows.Result distinctRows(Points points) {
        if (points == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        DistinctRows.Result distinct = DistinctRows.of(points);
        if (distinct.n() < Points.MIN_POINTS) {
            throw new IllegalArgumentException("points: only " + distinct.n() + " distinct point(s) remain after "
                    + "removing " + distinct.removed() + " duplicate rows; need at least " + Points.MIN_POINTS);
        }
        return distinct;
    }
}
