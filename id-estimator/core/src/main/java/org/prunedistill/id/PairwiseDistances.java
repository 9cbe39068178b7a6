package org.prunedistill.id;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact Euclidean distances between every pair of N points whose coordinates arrive a block of columns at a time
 * ({@link ColumnBlocks}): per pair the squares of the coordinate differences are summed in double over the columns
 * in order, the running sum carried from block to block, so every distance equals
 * {@link NearestNeighbours#distance} on the whole rows bit for bit. From these sums come the duplicate rows (a zero
 * distance: float differences are exact in double and their squares never underflow to zero, SCIENCE.md 3.1) and
 * the exact neighbour lists, with no screening.
 *
 * <p>Memory N (N - 1) / 2 doubles (1 MB for 500 points) plus a double copy of one block. Time N (N - 1) / 2 x D
 * multiply-adds, rows split over the common fork-join pool (each sum is only ever touched by one thread). Not
 * thread-safe: one block at a time.
 */
final class PairwiseDistances {

    /** Columns summed at a time: N rows of them (500 KB for 500 points) stay in a core's cache. */
    static final int TILE_COLUMNS = 128;

    private final int n;
    /** Sums of squared differences of pairs (i &gt; j), packed: row i starts at i (i - 1) / 2. */
    private final double[] sums;

    PairwiseDistances(int n) {
        if ((long) n * (n - 1) / 2 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("n: " + n + " points have too many pairs for one array of sums");
        }
        this.n = n;
        this.sums = new double[rowStart(n)];
    }

    /** Adds the columns of one block, {@code n x width} row-major, the next columns after those added so far. */
    void add(float[] block, int width) {
        double[] values = new double[block.length];
        for (int i = 0; i < block.length; i++) {
            values[i] = block[i];
        }
        // columns a tile at a time, so the rows read again and again stay in the core's cache; row i has i pairs:
        // rows i and n - 1 - i together make equal shares
        for (int tile = 0; tile < width; tile += TILE_COLUMNS) {
            int first = tile;
            int last = Math.min(width, tile + TILE_COLUMNS);
            IntStream.range(0, (n + 1) / 2).parallel().forEach(t -> {
                addRow(values, width, first, last, t);
                if (n - 1 - t != t) {
                    addRow(values, width, first, last, n - 1 - t);
                }
            });
        }
    }

    /** Pairs (i, j) for j &lt; i over columns [first, last), four at a time: four independent sums in column order. */
    private void addRow(double[] values, int width, int first, int last, int i) {
        int a = i * width;
        int base = rowStart(i);
        int j = 0;
        for (; j + 3 < i; j += 4) {
            int b0 = j * width;
            int b1 = b0 + width;
            int b2 = b1 + width;
            int b3 = b2 + width;
            double s0 = sums[base + j];
            double s1 = sums[base + j + 1];
            double s2 = sums[base + j + 2];
            double s3 = sums[base + j + 3];
            for (int c = first; c < last; c++) {
                double x = values[a + c];
                double e0 = x - values[b0 + c];
                double e1 = x - values[b1 + c];
                double e2 = x - values[b2 + c];
                double e3 = x - values[b3 + c];
                s0 += e0 * e0;
                s1 += e1 * e1;
                s2 += e2 * e2;
                s3 += e3 * e3;
            }
            sums[base + j] = s0;
            sums[base + j + 1] = s1;
            sums[base + j + 2] = s2;
            sums[base + j + 3] = s3;
        }
        for (; j < i; j++) {
            int b = j * width;
            double s = sums[base + j];
            for (int c = first; c < last; c++) {
                double e = values[a + c] - values[b + c];
                s += e * e;
            }
            sums[base + j] = s;
        }
    }

    /** Distance of rows i and j (0 when i == j). */
    double distance(int i, int j) {
        if (i == j) {
            return 0.0;
        }
        int high = Math.max(i, j);
        return Math.sqrt(sums[rowStart(high) + Math.min(i, j)]);
    }

    private static int rowStart(int i) {
        return (int) ((long) i * (i - 1) / 2);
    }

    /**
     * The rows kept by the duplicate policy of {@link DistinctRows}, ascending: a row goes when it is at distance 0
     * from an earlier kept row (equality is transitive, so the first occurrence of its values).
     */
    int[] distinctRows() {
        int[] kept = new int[n];
        int count = 0;
        for (int row = 0; row < n; row++) {
            boolean duplicate = false;
            for (int q = 0; q < count && !duplicate; q++) {
                duplicate = distance(row, kept[q]) == 0.0;
            }
            if (!duplicate) {
                kept[count++] = row;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    /**
     * The k nearest other points of each distinct row, indices into {@code distinct} (ascending distance, ties by
     * index), as {@link NearestNeighbours#exact} gives on the distinct rows.
     */
    Neighbourhoods neighbourhoods(int[] distinct, int k) {
        int m = distinct.length;
        double[][] distances = new double[m][k];
        int[][] indices = new int[m][k];
        IntStream.range(0, m).parallel().forEach(p -> {
            double[] distance = new double[m];
            Integer[] others = new Integer[m - 1];
            for (int q = 0, slot = 0; q < m; q++) {
                if (q != p) {
                    distance[q] = distance(distinct[p], distinct[q]);
                    others[slot++] = q;
                }
            }
            Arrays.sort(others, (x, y) -> distance[x] != distance[y]
                    ? Double.compare(distance[x], distance[y]) : Integer.compare(x, y));
            for (int j = 0; j < k; j++) {
                distances[p][j] = distance[others[j]];
                indices[p][j] = others[j];
            }
        });
        return new Neighbourhoods(distances, indices, n, n - m);
    }
}
