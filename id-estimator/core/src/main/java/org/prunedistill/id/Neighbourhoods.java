package org.prunedistill.id;

/**
 * The k nearest neighbours of every distinct point of a source, computed once (by
 * {@link NearestNeighbours#exact}) and shared by every {@link IdEstimator} run on that source.
 *
 * <p>{@code distances[i][j]} is the Euclidean distance (in the units of the input coordinates) from point {@code i}
 * to its {@code (j+1)}-th nearest other point, {@code indices[i][j]} is that neighbour's row in the de-duplicated
 * point set; rows are ascending in distance, ties ordered by index. Duplicate rows are removed before the search
 * (SCIENCE.md 3.1), so {@code n() = pointsBefore - duplicatesRemoved}.
 *
 * <p>The constructor checks shapes and that every row is finite, non-negative and ascending, and throws
 * {@link IllegalArgumentException} naming the parameter otherwise. Arrays are not copied: treat them as read-only.
 *
 * @param distances         n x k neighbour distances, ascending per row
 * @param indices           n x k neighbour rows in the de-duplicated set, never the point itself
 * @param pointsBefore      number of points before duplicate removal
 * @param duplicatesRemoved number of rows dropped as exact duplicates of an earlier row
 */
public record Neighbourhoods(double[][] distances, int[][] indices, int pointsBefore, int duplicatesRemoved) {

    public Neighbourhoods {
        if (distances == null || indices == null) {
            throw new IllegalArgumentException("distances and indices must not be null");
        }
        if (distances.length != indices.length || distances.length == 0) {
            throw new IllegalArgumentException("distances (" + distances.length + " rows) and indices ("
                    + indices.length + " rows) must have the same, non-zero number of rows");
        }
        if (duplicatesRemoved < 0 || pointsBefore - duplicatesRemoved != distances.length) {
            throw new IllegalArgumentException("pointsBefore (" + pointsBefore + ") - duplicatesRemoved ("
                    + duplicatesRemoved + ") must equal the number of rows " + distances.length);
        }
        int k = distances[0].length;
        if (k < 1) {
            throw new IllegalArgumentException("distances: need at least one neighbour per point");
        }
        for (int i = 0; i < distances.length; i++) {
            checkRow(i, distances[i], indices[i], k, distances.length);
        }
    }

    private static void checkRow(int i, double[] distance, int[] index, int k, int n) {
        if (distance == null || index == null || distance.length != k || index.length != k) {
            throw new IllegalArgumentException("distances/indices: row " + i + " must hold " + k + " neighbours");
        }
        double previous = 0.0;
        for (int j = 0; j < k; j++) {
            if (!(distance[j] >= previous) || Double.isInfinite(distance[j])) {
                throw new IllegalArgumentException("distances: row " + i + " must be finite, non-negative and "
                        + "ascending, column " + j + " is " + distance[j]);
            }
            if (index[j] < 0 || index[j] >= n || index[j] == i) {
                throw new IllegalArgumentException("indices: row " + i + ", column " + j + " holds " + index[j]
                        + ", not another point in [0, " + n + ")");
            }
            previous = distance[j];
        }
    }

    /** Number of distinct points (rows after duplicate removal). */
    public int n() {
        return distances.length;
    }

    /** Number of neighbours per point. */
    public int k() {
        return distances[0].length;
    }
}
