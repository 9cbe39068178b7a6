package org.prunedistill.id;

import java.util.stream.IntStream;

/**
 * What {@link LinearDimension} needs of points with more features than points (D &gt; N), accumulated a block of
 * columns at a time: the N x N Gram matrices {@code Y Y^T} of the centred features (participation ratio) and of the
 * standardised ones (PC-ID), and the count of constant features. Each feature's mean and population SD come from its
 * own column, so a block holds all it needs; each Gram entry is a running sum over the columns in order, so the
 * result does not depend on how the columns are cut into blocks.
 *
 * <p>Memory two N x N double matrices (4 MB for 500 points) plus two double copies of one block. Time
 * N (N + 1) D multiply-adds, rows split over the common fork-join pool. Not thread-safe: one block at a time.
 */
final class GramMoments {

    /** Columns per tile: both matrices' values of 64 columns of 500 rows take 512 KB, within a core's L2 cache. */
    static final int TILE_COLUMNS = 64;

    private final int n;
    private final double[][] centred;
    private final double[][] standardised;
    private int features;
    private int constant;

    GramMoments(int n) {
        this.n = n;
        this.centred = new double[n][n];
        this.standardised = new double[n][n];
    }

    /** Adds the columns of one block, {@code n x width} row-major, the next columns after those added so far. */
    void add(float[] block, int width) {
        double[] mean = new double[width];
        double[] squares = new double[width];
        // row by row, so each column's sums still run over the rows in order
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < width; c++) {
                mean[c] += block[r * width + c];
            }
        }
        for (int c = 0; c < width; c++) {
            mean[c] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < width; c++) {
                double deviation = block[r * width + c] - mean[c];
                squares[c] += deviation * deviation;
            }
        }
        double[] weight = new double[width];
        for (int c = 0; c < width; c++) {
            double sd = Math.sqrt(squares[c] / n);
            weight[c] = sd > 0.0 ? 1.0 / sd : 0.0;
            constant += sd > 0.0 ? 0 : 1;
        }
        // by column: a column's values over the rows are contiguous, so the kernel runs along j in vectors
        double[][] y = new double[width][n];
        double[][] z = new double[width][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < width; c++) {
                double deviation = block[r * width + c] - mean[c];
                y[c][r] = deviation * 1.0;
                z[c][r] = deviation * weight[c];
            }
        }
        features += width;
        // a tile of columns of both matrices stays in a core's L2 cache while every row is updated with it;
        // rows i and n - 1 - i together make equal shares
        for (int first = 0; first < width; first += TILE_COLUMNS) {
            int tileFirst = first;
            int tileLast = Math.min(width, first + TILE_COLUMNS);
            IntStream.range(0, (n + 1) / 2).parallel().forEach(t -> {
                addRow(y, centred[t], tileFirst, tileLast, t);
                addRow(z, standardised[t], tileFirst, tileLast, t);
                if (n - 1 - t != t) {
                    addRow(y, centred[n - 1 - t], tileFirst, tileLast, n - 1 - t);
                    addRow(z, standardised[n - 1 - t], tileFirst, tileLast, n - 1 - t);
                }
            });
        }
    }

    /**
     * Entries (i, j), j &lt;= i, of one matrix over columns [first, last), four columns at a time. Each entry gains
     * the columns' products one after the other, left to right, exactly as a running sum over the columns in order
     * would; the loop over j has no dependence between iterations, so it runs in vector registers.
     */
    private static void addRow(double[][] columns, double[] row, int first, int last, int i) {
        int c = first;
        for (; c + 4 <= last; c += 4) {
            double[] c0 = columns[c];
            double[] c1 = columns[c + 1];
            double[] c2 = columns[c + 2];
            double[] c3 = columns[c + 3];
            double v0 = c0[i];
            double v1 = c1[i];
            double v2 = c2[i];
            double v3 = c3[i];
            for (int j = 0; j <= i; j++) {
                row[j] = row[j] + v0 * c0[j] + v1 * c1[j] + v2 * c2[j] + v3 * c3[j];
            }
        }
        for (; c < last; c++) {
            double[] c0 = columns[c];
            double v0 = c0[i];
            for (int j = 0; j <= i; j++) {
                row[j] = row[j] + v0 * c0[j];
            }
        }
    }

    /** The running sums of {@code Y Y^T} so far, lower triangle (row i holds j &lt;= i); a copy. */
    double[][] centredSums() {
        return lowerCopy(centred);
    }

    /** The running sums of {@code Z Z^T} of the standardised columns so far, lower triangle; a copy. */
    double[][] standardisedSums() {
        return lowerCopy(standardised);
    }

    private double[][] lowerCopy(double[][] lower) {
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            copy[i] = java.util.Arrays.copyOf(lower[i], i + 1);
        }
        return copy;
    }

    /** PC-ID at the threshold and the participation ratio of the columns added. */
    LinearDimensionEstimate estimate(double varianceThreshold) {
        if (constant == features) {
            return new LinearDimensionEstimate(0, varianceThreshold, Double.NaN, features, features);
        }
        double[] raw = SymmetricEigenvalues.of(scaled(centred));
        double[] standardisedValues = SymmetricEigenvalues.of(scaled(standardised));
        return new LinearDimensionEstimate(LinearDimension.componentsExceeding(standardisedValues, varianceThreshold),
                varianceThreshold, LinearDimension.participationRatio(raw), features, constant);
    }

    /** The lower triangle divided by N - 1 (a copy: estimating twice gives the same). */
    private double[][] scaled(double[][] lower) {
        double[][] matrix = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                matrix[i][j] = lower[i][j] * (1.0 / (n - 1));
            }
        }
        return matrix;
    }
}
