package org.prunedistill.id;

import java.util.stream.IntStream;

/**
 * What {@link LinearDimension} needs of points with more features than points (D &gt; N), accumulated a block of
 * columns at a time: the N x N Gram matrices {@code Y Y^T} of the centred features (participation ratio) and of the
 * standardised ones (PC-ID), and the count of constant features. Each feature's mean and population SD come from its
 * own column, so a block holds all it needs; each Gram entry is a running sum over the columns in order, so the
 * result does not depend on how the columns are cut into blocks.
 *
 * <p>Memory two N x N double matrices (4 MB for 500 points) plus three double copies of one block. Time
 * N (N + 1) D multiply-adds, rows split over the common fork-join pool. Not thread-safe: one block at a time.
 */
final class GramMoments {

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
        double[] y = new double[n * width];
        double[] z = new double[n * width];
        for (int c = 0; c < width; c++) {
            double mean = 0.0;
            for (int r = 0; r < n; r++) {
                mean += block[r * width + c];
            }
            mean /= n;
            double squares = 0.0;
            for (int r = 0; r < n; r++) {
                double deviation = block[r * width + c] - mean;
                squares += deviation * deviation;
            }
            double sd = Math.sqrt(squares / n);
            double weight = sd > 0.0 ? 1.0 / sd : 0.0;
            constant += sd > 0.0 ? 0 : 1;
            for (int r = 0; r < n; r++) {
                y[r * width + c] = (block[r * width + c] - mean) * 1.0;
                z[r * width + c] = (block[r * width + c] - mean) * weight;
            }
        }
        features += width;
        // columns a tile at a time, as PairwiseDistances; rows i and n - 1 - i together make equal shares
        for (int tile = 0; tile < width; tile += PairwiseDistances.TILE_COLUMNS) {
            int first = tile;
            int last = Math.min(width, tile + PairwiseDistances.TILE_COLUMNS);
            IntStream.range(0, (n + 1) / 2).parallel().forEach(t -> {
                addRow(y, z, width, first, last, t);
                if (n - 1 - t != t) {
                    addRow(y, z, width, first, last, n - 1 - t);
                }
            });
        }
    }

    /** Entries (i, j), j &lt;= i, of both matrices over columns [first, last), four j at a time, in column order. */
    private void addRow(double[] y, double[] z, int width, int first, int last, int i) {
        int a = i * width;
        double[] yi = centred[i];
        double[] zi = standardised[i];
        int j = 0;
        for (; j + 3 <= i; j += 4) {
            int b0 = j * width;
            int b1 = b0 + width;
            int b2 = b1 + width;
            int b3 = b2 + width;
            double y0 = yi[j];
            double y1 = yi[j + 1];
            double y2 = yi[j + 2];
            double y3 = yi[j + 3];
            double z0 = zi[j];
            double z1 = zi[j + 1];
            double z2 = zi[j + 2];
            double z3 = zi[j + 3];
            for (int c = first; c < last; c++) {
                double ya = y[a + c];
                double za = z[a + c];
                y0 += ya * y[b0 + c];
                y1 += ya * y[b1 + c];
                y2 += ya * y[b2 + c];
                y3 += ya * y[b3 + c];
                z0 += za * z[b0 + c];
                z1 += za * z[b1 + c];
                z2 += za * z[b2 + c];
                z3 += za * z[b3 + c];
            }
            yi[j] = y0;
            yi[j + 1] = y1;
            yi[j + 2] = y2;
            yi[j + 3] = y3;
            zi[j] = z0;
            zi[j + 1] = z1;
            zi[j + 2] = z2;
            zi[j + 3] = z3;
        }
        for (; j <= i; j++) {
            int b = j * width;
            double y0 = yi[j];
            double z0 = zi[j];
            for (int c = first; c < last; c++) {
                y0 += y[a + c] * y[b + c];
                z0 += z[a + c] * z[b + c];
            }
            yi[j] = y0;
            zi[j] = z0;
        }
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
