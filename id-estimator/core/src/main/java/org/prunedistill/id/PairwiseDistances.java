package org.prunedistill.id;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact Euclidean distances between every pair of N points whose coordinates arrive a block of columns at a time
 * ({@link ColumnBlocks}): the columns are gathered into spans of {@link ExactDistance#SPAN}, whatever the blocks'
 * widths, and each span's squared distance ({@link ExactDistance#span}) is added to the pair's running sum in column
 * order, so every distance equals {@link ExactDistance#of} on the whole rows bit for bit. From these sums come the
 * duplicate rows (a zero distance: float differences are exact in double and their squares never underflow to zero,
 * SCIENCE.md 3.1) and the exact neighbour lists, with no screening.
 *
 * <p>Memory N (N - 1) / 2 doubles (1 MB for 500 points) plus one span of N rows and 8 N doubles per thread. Time
 * N (N - 1) / 2 x D multiply-adds, rows split over the common fork-join pool (each sum is only ever touched by one
 * thread). Not thread-safe: one block at a time, then {@link #complete()}.
 */
final class PairwiseDistances {

    private final int n;
    /** Sums of squared differences of pairs (i &gt; j), packed: row i starts at i (i - 1) / 2. */
    private final double[] sums;
    /**
     * The columns of the current span in double, one array per column: a column of all rows is contiguous, and the
     * loops over it index it from 0, which the JIT vectorises (an offset into a shared array it did not).
     */
    private final double[][] span;
    /** Per thread, a row's eight partial sums against every earlier row, one array per lane. */
    private final ThreadLocal<double[][]> lanes;
    private int spanColumns;
    private boolean complete;

    PairwiseDistances(int n) {
        if ((long) n * (n - 1) / 2 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("n: " + n + " points have too many pairs for one array of sums");
        }
        this.n = n;
        this.sums = new double[rowStart(n)];
        this.span = new double[ExactDistance.SPAN][n];
        this.lanes = ThreadLocal.withInitial(() -> new double[ExactDistance.LANES][n]);
    }

    /** Adds the columns of one block, {@code n x width} row-major, the next columns after those added so far. */
    void add(float[] block, int width) {
        if (complete) {
            throw new IllegalStateException("columns added after complete()");
        }
        for (int column = 0; column < width; ) {
            int take = Math.min(width - column, ExactDistance.SPAN - spanColumns);
            // row by row: the block is read in order, the span (in cache) written across
            for (int i = 0; i < n; i++) {
                int from = i * width + column;
                for (int c = 0; c < take; c++) {
                    span[spanColumns + c][i] = block[from + c];
                }
            }
            column += take;
            spanColumns += take;
            if (spanColumns == ExactDistance.SPAN) {
                addSpan();
            }
        }
    }

    /** Adds the last, shorter span; the distances are then final. */
    void complete() {
        if (!complete && spanColumns > 0) {
            addSpan();
        }
        complete = true;
    }

    /** Adds the gathered span to every pair's sum: row i has i pairs, so rows i and n - 1 - i make equal shares. */
    private void addSpan() {
        int width = spanColumns;
        IntStream.range(0, (n + 1) / 2).parallel().forEach(t -> {
            addRow(t, width);
            if (n - 1 - t != t) {
                addRow(n - 1 - t, width);
            }
        });
        spanColumns = 0;
    }

    /**
     * Pairs (i, j) for j &lt; i over the span: column c adds {@code (x_ic - x_jc)^2} to lane {@code c mod 8} of every j
     * at once (a loop over j the JIT vectorises), then each pair's lanes are combined as {@link ExactDistance#span}
     * combines them, so the pair gets that span's value to the last bit.
     */
    private void addRow(int i, int width) {
        double[][] partial = lanes.get();
        for (double[] lane : partial) {
            Arrays.fill(lane, 0, i, 0.0);
        }
        for (int c = 0; c < width; c++) {
            addSquares(span[c], i, partial[c % ExactDistance.LANES]);
        }
        int base = rowStart(i);
        for (int j = 0; j < i; j++) {
            sums[base + j] += ExactDistance.combine(partial[0][j], partial[1][j], partial[2][j], partial[3][j],
                    partial[4][j], partial[5][j], partial[6][j], partial[7][j]);
        }
    }

    /** lane[j] += (column[i] - column[j])^2 for every j &lt; i. */
    private static void addSquares(double[] column, int i, double[] lane) {
        double x = column[i];
        for (int j = 0; j < i; j++) {
            double difference = x - column[j];
            lane[j] += difference * difference;
        }
    }

    /** Distance of rows i and j (0 when i == j). */
    double distance(int i, int j) {
        if (!complete) {
            throw new IllegalStateException("distances read before complete()");
        }
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
