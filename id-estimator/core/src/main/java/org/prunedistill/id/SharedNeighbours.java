package org.prunedistill.id;

import java.util.Arrays;

/**
 * A source's neighbour lists computed once, kept with its distinct points so that any subset of those points gets
 * its own exact neighbourhoods without another all-pairs search: the error bars by subsampling (SCIENCE.md 3.4) and
 * the decimation scaling (3.5) read them off the shared lists.
 *
 * <p>For a subset S, a point's neighbours within S are the members of S in its full list, in order. When the full
 * list holds fewer than k members of S and was truncated (k_full &lt; n - 1), that point's distances to every member
 * of S are computed exactly instead. Members of S are numbered in ascending row order, so the result equals, bit
 * for bit, {@link NearestNeighbours#exact} run on the subset's rows taken in ascending order (the same distance
 * formula, ties by index). Rows are those of the distinct points (duplicates removed once, SCIENCE.md 3.1).
 * Immutable; the arrays inside are shared, read-only.
 */
public final class SharedNeighbours {

    private final Distance distance;
    private final Neighbourhoods all;

    /** The exact distance of two distinct rows, the one formula of {@link NearestNeighbours#distance}. */
    @FunctionalInterface
    interface Distance {
        double between(int a, int b);
    }

    private SharedNeighbours(Distance distance, Neighbourhoods all) {
        this.distance = distance;
        this.all = all;
    }

    /** Lists searched elsewhere, with the exact distance of any two of their distinct rows. */
    static SharedNeighbours of(Neighbourhoods all, Distance distance) {
        return new SharedNeighbours(distance, all);
    }

    /**
     * Searches once with {@code method}.
     *
     * @param points the source's points; duplicate rows are removed
     * @param maxK   neighbours wanted per point, capped at distinct points - 1
     * @throws IllegalArgumentException if fewer than 3 distinct points remain or {@code maxK < 1}
     */
    public static SharedNeighbours search(Points points, int maxK, NeighbourSearchMethod method) {
        if (points == null || method == null) {
            throw new IllegalArgumentException("points and method must not be null");
        }
        Neighbourhoods all = method.upTo(points, maxK);
        DistinctRows.Result distinct = DistinctRows.of(points);
        if (distinct.n() != all.n()) {
            throw new IllegalStateException("the neighbour search found " + all.n() + " distinct points, "
                    + "DistinctRows " + distinct.n());
        }
        float[] data = distinct.data();
        int d = points.d();
        return new SharedNeighbours((a, b) -> ExactDistance.of(data, a * d, b * d, d), all);
    }

    /** The neighbourhoods of all distinct points. */
    public Neighbourhoods all() {
        return all;
    }

    /** Number of distinct points. */
    public int n() {
        return all.n();
    }

    /**
     * Exact neighbourhoods of a subset of the distinct points.
     *
     * @param rows distinct rows in [0, n), no repeats, any order (numbered in ascending order in the result)
     * @param k    neighbours per point, {@code 1 <= k <= rows.length - 1}
     * @throws IllegalArgumentException if a row is out of range or repeated, or k is out of range
     */
    public Neighbourhoods subset(int[] rows, int k) {
        int[] members = rows.clone();
        Arrays.sort(members);
        int m = members.length;
        if (k < 1 || k > m - 1) {
            throw new IllegalArgumentException("k must be in [1, " + (m - 1) + "] (subset size - 1), got " + k);
        }
        int[] position = new int[n()];
        Arrays.fill(position, -1);
        for (int p = 0; p < m; p++) {
            int row = members[p];
            if (row < 0 || row >= n() || position[row] >= 0) {
                throw new IllegalArgumentException("rows: " + row + " is out of [0, " + n() + ") or repeated");
            }
            position[row] = p;
        }
        double[][] distances = new double[m][k];
        int[][] indices = new int[m][k];
        for (int p = 0; p < m; p++) {
            if (!fromList(members[p], position, distances[p], indices[p])) {
                exact(members, p, distances[p], indices[p]);
            }
        }
        return new Neighbourhoods(distances, indices, m, 0);
    }

    /** Fills the row from the full list; false if the list ran out first (possible only when it was truncated). */
    private boolean fromList(int row, int[] position, double[] distances, int[] indices) {
        int found = 0;
        int[] list = all.indices()[row];
        for (int j = 0; j < list.length && found < distances.length; j++) {
            int p = position[list[j]];
            if (p >= 0) {
                distances[found] = all.distances()[row][j];
                indices[found] = p;
                found++;
            }
        }
        return found == distances.length;
    }

    /** Distances from member p to every other member, the k smallest by (distance, position). */
    private void exact(int[] members, int p, double[] distances, int[] indices) {
        int m = members.length;
        double[] distance = new double[m];
        Integer[] others = new Integer[m - 1];
        for (int q = 0, slot = 0; q < m; q++) {
            if (q != p) {
                distance[q] = this.distance.between(members[p], members[q]);
                others[slot++] = q;
            }
        }
        Arrays.sort(others, (a, b) -> distance[a] != distance[b]
                ? Double.compare(distance[a], distance[b]) : Integer.compare(a, b));
        for (int j = 0; j < distances.length; j++) {
            distances[j] = distance[others[j]];
            indices[j] = others[j];
        }
    }
}
