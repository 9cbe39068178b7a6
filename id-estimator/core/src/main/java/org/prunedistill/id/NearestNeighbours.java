package org.prunedistill.id;

/**
 * Exact k-nearest-neighbour search (Euclidean), the shared first step of every intrinsic-dimension estimate.
 *
 * <p>Duplicate rows are removed first, keeping the first occurrence (SCIENCE.md 3.1): a duplicate would give a zero
 * nearest-neighbour distance and break every ratio estimator. Neighbour indices refer to the de-duplicated rows.
 *
 * <p>Method: pairs are screened tile by tile (blocks of 256 rows, each unordered pair once) with the squared
 * distance {@code |x|^2 + |y|^2 - 2 x.y} in double (float products are exact in double), negatives clamped to 0.
 * Each point keeps its {@code k + 8} best candidates; their distances are then recomputed exactly
 * ({@link ExactDistance}) and the k best by (distance, index) are kept, so ties go to the lower
 * index. The margin of 8 absorbs the rounding of the screening identity, which matters for points far from the
 * origin relative to their spacing. Memory O(N (k + 8)) plus an N x D copy only when duplicates were removed, never
 * N x N; time O(N^2 D / 2), single-threaded (about 3 s for 10,000 x 100 on one core).
 */
public final class NearestNeighbours {

    static final int DEFAULT_BLOCK = 256;
    static final int CANDIDATE_MARGIN = 8;

    private NearestNeighbours() {
    }

    /**
     * The k nearest other points of every distinct point.
     *
     * @param points the points; duplicate rows are removed and counted
     * @param k      neighbours per point, {@code 1 <= k <= (distinct points) - 1}
     * @return distances ascending and indices into the de-duplicated rows
     * @throws IllegalArgumentException if fewer than 3 distinct points remain or k is out of range
     */
    public static Neighbourhoods exact(Points points, int k) {
        return exact(points, k, DEFAULT_BLOCK);
    }

    /**
     * The {@code min(maxK, distinct points - 1)} nearest other points of every distinct point: for callers that want
     * "as many as the data allow" (multiscale GRIDE on small data sets).
     *
     * @throws IllegalArgumentException if fewer than 3 distinct points remain or {@code maxK < 1}
     */
    public static Neighbourhoods upTo(Points points, int maxK) {
        if (maxK < 1) {
            throw new IllegalArgumentException("maxK must be at least 1, got " + maxK);
        }
        DistinctRows.Result distinct = distinctRows(points);
        return exact(points, distinct, Math.min(maxK, distinct.n() - 1), DEFAULT_BLOCK);
    }

    static Neighbourhoods exact(Points points, int k, int block) {
        return exact(points, distinctRows(points), k, block);
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

    private static Neighbourhoods exact(Points points, DistinctRows.Result distinct, int k, int block) {
        int n = distinct.n();
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException("k must be in [1, " + (n - 1) + "] (distinct points - 1), got " + k);
        }
        int capacity = Math.min(n - 1, k + CANDIDATE_MARGIN);
        if ((long) n * capacity > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("k: " + n + " points x " + capacity + " candidates exceed one array");
        }
        float[] data = distinct.data();
        int d = points.d();
        CandidateHeaps heaps = screen(data, n, d, capacity, block);
        double[][] distances = new double[n][k];
        int[][] indices = new int[n][k];
        for (int i = 0; i < n; i++) {
            refine(heaps, data, d, i, distances[i], indices[i]);
        }
        return new Neighbourhoods(distances, indices, points.n(), distinct.removed());
    }

    /** Screens every unordered pair once, tile by tile, with the Gram identity. */
    private static CandidateHeaps screen(float[] data, int n, int d, int capacity, int block) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = dot(data, i * d, i * d, d);
        }
        CandidateHeaps heaps = new CandidateHeaps(n, capacity);
        for (int rowStart = 0; rowStart < n; rowStart += block) {
            int rowEnd = Math.min(n, rowStart + block);
            for (int colStart = rowStart; colStart < n; colStart += block) {
                int colEnd = Math.min(n, colStart + block);
                for (int i = rowStart; i < rowEnd; i++) {
                    for (int j = Math.max(colStart, i + 1); j < colEnd; j++) {
                        double squared = norms[i] + norms[j] - 2.0 * dot(data, i * d, j * d, d);
                        double key = Math.max(0.0, squared);
                        heaps.offer(i, key, j);
                        heaps.offer(j, key, i);
                    }
                }
            }
        }
        return heaps;
    }

    /** Recomputes the candidates' distances exactly and keeps the k best by (distance, index). */
    private static void refine(CandidateHeaps heaps, float[] data, int d, int i, double[] distances, int[] indices) {
        int size = heaps.size(i);
        for (int slot = 0; slot < size; slot++) {
            heaps.setKey(i, slot, ExactDistance.of(data, i * d, heaps.index(i, slot) * d, d));
        }
        heaps.sortAscending(i);
        for (int j = 0; j < distances.length; j++) {
            distances[j] = heaps.key(i, j);
            indices[j] = heaps.index(i, j);
        }
    }

    /** x.y in double with four independent partial sums (float products are exact in double). */
    private static double dot(float[] data, int a, int b, int d) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int c = 0;
        for (; c + 3 < d; c += 4) {
            s0 += (double) data[a + c] * data[b + c];
            s1 += (double) data[a + c + 1] * data[b + c + 1];
            s2 += (double) data[a + c + 2] * data[b + c + 2];
            s3 += (double) data[a + c + 3] * data[b + c + 3];
        }
        for (; c < d; c++) {
            s0 += (double) data[a + c] * data[b + c];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
