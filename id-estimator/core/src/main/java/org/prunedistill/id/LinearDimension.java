package org.prunedistill.id;

/**
 * Linear dimension, for contrast with the intrinsic dimension (SCIENCE.md 3.6; Ansuini et al. 2019, NeurIPS, PC-ID;
 * Gao et al. 2017, bioRxiv 214262, participation ratio).
 *
 * <ul>
 * <li><b>PC-ID</b>: each feature is standardised (centred, divided by its standard deviation); with the
 *     eigenvalues lambda_1 &gt;= lambda_2 &gt;= ... of the correlation matrix, PC-ID is the smallest k with
 *     {@code sum_{j<=k} lambda_j / sum lambda > threshold} (a count, not an index; default threshold 0.9).</li>
 * <li><b>Participation ratio</b> {@code (sum lambda)^2 / sum lambda^2} over the eigenvalues of the covariance of
 *     the centred, unstandardised features.</li>
 * </ul>
 *
 * <p>The eigenvalues come from the D x D covariance X^T X / (N - 1) or, when D &gt; N, from the N x N Gram matrix
 * X X^T / (N - 1), which has the same nonzero eigenvalues; both by {@link SymmetricEigenvalues}. Cost
 * O(N D min(N, D)) for the matrix plus O(min(N, D)^3). Policy: features with zero variance are left out of the
 * standardised PCA and counted; if all are constant PC-ID is 0 and the participation ratio NaN. Duplicate rows are
 * kept (they are data for PCA). Immutable.
 */
public final class LinearDimension {

    public static final double DEFAULT_VARIANCE_THRESHOLD = 0.9;

    private final double varianceThreshold;

    private LinearDimension(double varianceThreshold) {
        if (!(varianceThreshold > 0.0 && varianceThreshold < 1.0)) {
            throw new IllegalArgumentException("varianceThreshold must be in (0, 1), got " + varianceThreshold);
        }
        this.varianceThreshold = varianceThreshold;
    }

    /** PC-ID at 90% of the variance. */
    public static LinearDimension withDefaults() {
        return new LinearDimension(DEFAULT_VARIANCE_THRESHOLD);
    }

    /** A copy counting components until their cumulative explained variance exceeds {@code 0 < threshold < 1}. */
    public LinearDimension withVarianceThreshold(double threshold) {
        return new LinearDimension(threshold);
    }

    public double varianceThreshold() {
        return varianceThreshold;
    }

    /** PC-ID and participation ratio of the points (N x D). */
    public LinearDimensionEstimate estimate(Points points) {
        if (points == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        if (points.d() > points.n()) {
            GramMoments moments = new GramMoments(points.n());
            ColumnBlocks.of(points, GRAM_COLUMNS).forEach((from, width, values) -> moments.add(values, width));
            return moments.estimate(varianceThreshold);
        }
        int d = points.d();
        double[] means = new double[d];
        double[] deviations = new double[d];
        columnMoments(points, means, deviations);
        double[] centredColumns = new double[d];
        double[] standardisedColumns = new double[d];
        int constant = 0;
        for (int c = 0; c < d; c++) {
            centredColumns[c] = 1.0;
            if (deviations[c] > 0.0) {
                standardisedColumns[c] = 1.0 / deviations[c];
            } else {
                constant++;
            }
        }
        if (constant == d) {
            return new LinearDimensionEstimate(0, varianceThreshold, Double.NaN, d, d);
        }
        double[] raw = SymmetricEigenvalues.of(secondMoments(points, means, centredColumns));
        double[] standardised = SymmetricEigenvalues.of(secondMoments(points, means, standardisedColumns));
        return new LinearDimensionEstimate(componentsExceeding(standardised, varianceThreshold), varianceThreshold,
                participationRatio(raw), d, constant);
    }

    /** Smallest k whose leading eigenvalues' share of the total exceeds the threshold (negatives from rounding: 0). */
    static int componentsExceeding(double[] descending, double threshold) {
        double total = 0.0;
        for (double value : descending) {
            total += Math.max(value, 0.0);
        }
        double cumulative = 0.0;
        for (int k = 0; k < descending.length; k++) {
            cumulative += Math.max(descending[k], 0.0);
            if (cumulative / total > threshold) {
                return k + 1;
            }
        }
        return descending.length;
    }

    /** (sum lambda)^2 / sum lambda^2, negative rounding residues clamped to 0. */
    static double participationRatio(double[] eigenvalues) {
        double sum = 0.0;
        double squares = 0.0;
        for (double value : eigenvalues) {
            double lambda = Math.max(value, 0.0);
            sum += lambda;
            squares += lambda * lambda;
        }
        return sum * sum / squares;
    }

    /** Column means and population standard deviations, in double. */
    private static void columnMoments(Points points, double[] means, double[] deviations) {
        int n = points.n();
        int d = points.d();
        float[] data = points.data();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                means[c] += data[r * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            means[c] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                double centred = data[r * d + c] - means[c];
                deviations[c] += centred * centred;
            }
        }
        for (int c = 0; c < d; c++) {
            deviations[c] = Math.sqrt(deviations[c] / n);
        }
    }

    /** With Y the centred data, each column multiplied by {@code weights[c]} (0 drops it): Y^T Y / (N - 1). */
    private static double[][] secondMoments(Points points, double[] means, double[] weights) {
        int n = points.n();
        int d = points.d();
        double[][] y = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                y[r][c] = (points.data()[r * d + c] - means[c]) * weights[c];
            }
        }
        return covariance(y, n, d);
    }

    private static double[][] covariance(double[][] y, int n, int d) {
        double[][] matrix = new double[d][d];
        for (double[] row : y) {
            for (int i = 0; i < d; i++) {
                double yi = row[i];
                double[] target = matrix[i];
                for (int j = 0; j <= i; j++) {
                    target[j] += yi * row[j];
                }
            }
        }
        scale(matrix, 1.0 / (n - 1));
        return matrix;
    }

    /**
     * Columns taken at a time when D &gt; N: the N x N Gram matrices are accumulated block by block
     * ({@link GramMoments}), never an N x D double copy (304 MB for 380 points in 100,000 dimensions).
     */
    static final int GRAM_COLUMNS = 4096;

    private static void scale(double[][] lower, double factor) {
        for (int i = 0; i < lower.length; i++) {
            for (int j = 0; j <= i; j++) {
                lower[i][j] *= factor;
            }
        }
    }
}
