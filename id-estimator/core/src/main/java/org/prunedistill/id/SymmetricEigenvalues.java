package org.prunedistill.id;

import java.util.Arrays;

/**
 * Eigenvalues of a real symmetric matrix: Householder reduction to tridiagonal form, then the QL algorithm with
 * implicit Wilkinson shifts (Golub and Van Loan, Matrix Computations, 4th ed. 2013, sections 8.3.1 and 8.3.5;
 * Wilkinson and Reinsch, Handbook for Automatic Computation II, 1971, procedures tred1 and tql1). O(n^3), about
 * (4/3) n^3 flops for the reduction; no eigenvectors are formed.
 */
final class SymmetricEigenvalues {

    private static final int MAX_SWEEPS_PER_VALUE = 60;
    private static final double EPSILON = Math.ulp(1.0);

    private SymmetricEigenvalues() {
    }

    /**
     * The eigenvalues of the symmetric matrix, in descending order. Only the lower triangle is read; the argument is
     * not modified.
     *
     * @throws IllegalArgumentException if the matrix is not square or holds a non-finite value
     */
    static double[] of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("matrix must be square, row " + i + " has " + matrix[i].length
                        + " entries, not " + n);
            }
            a[i] = matrix[i].clone();
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException("matrix: non-finite value at (" + i + ", " + j + ")");
                }
            }
        }
        double[] diagonal = new double[n];
        double[] offDiagonal = new double[n];
        tridiagonalise(a, diagonal, offDiagonal);
        implicitQl(diagonal, offDiagonal);
        Arrays.sort(diagonal);
        for (int i = 0; i < n / 2; i++) {
            double swap = diagonal[i];
            diagonal[i] = diagonal[n - 1 - i];
            diagonal[n - 1 - i] = swap;
        }
        return diagonal;
    }

    /**
     * Householder reflections H_k = I - u u^T / h zero column k below the subdiagonal; the trailing block becomes
     * H A H = A - u q^T - q u^T with p = A u / h, q = p - (u^T p / 2h) u. On return {@code diagonal[k]} and
     * {@code offDiagonal[k]} (the entry between k and k + 1) hold the tridiagonal matrix.
     */
    private static void tridiagonalise(double[][] a, double[] diagonal, double[] offDiagonal) {
        int n = a.length;
        double[] u = new double[n];
        double[] q = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double norm = 0.0;
            for (int i = k + 1; i < n; i++) {
                norm = Math.hypot(norm, a[i][k]);
            }
            if (norm == 0.0) {
                offDiagonal[k] = 0.0;
                continue;
            }
            double alpha = a[k + 1][k] > 0.0 ? -norm : norm;
            for (int i = k + 1; i < n; i++) {
                u[i] = a[i][k];
            }
            u[k + 1] -= alpha;
            double h = norm * norm - alpha * a[k + 1][k];
            reflect(a, k + 1, u, q, h);
            offDiagonal[k] = alpha;
        }
        for (int k = 0; k < n; k++) {
            diagonal[k] = a[k][k];
        }
        if (n >= 2) {
            offDiagonal[n - 2] = a[n - 1][n - 2];
        }
        offDiagonal[n - 1] = 0.0;
    }

    /** Applies the two-sided reflection to the lower triangle of the block from row/column {@code start}. */
    private static void reflect(double[][] a, int start, double[] u, double[] q, double h) {
        int n = a.length;
        double up = 0.0;
        for (int i = start; i < n; i++) {
            double sum = 0.0;
            for (int j = start; j <= i; j++) {
                sum += a[i][j] * u[j];
            }
            for (int j = i + 1; j < n; j++) {
                sum += a[j][i] * u[j];
            }
            q[i] = sum / h;
            up += u[i] * q[i];
        }
        double half = up / (2.0 * h);
        for (int i = start; i < n; i++) {
            q[i] -= half * u[i];
        }
        for (int i = start; i < n; i++) {
            for (int j = start; j <= i; j++) {
                a[i][j] -= u[i] * q[j] + q[i] * u[j];
            }
        }
    }

    /**
     * QL iterations with implicit shifts on the tridiagonal matrix until every off-diagonal entry is negligible
     * relative to its diagonal neighbours or to the matrix norm (the latter lets clusters of near-zero eigenvalues,
     * as in rank-deficient covariances, converge; the absolute accuracy is eps times the norm either way);
     * {@code diagonal} then holds the eigenvalues (unordered).
     */
    private static void implicitQl(double[] d, double[] e) {
        int n = d.length;
        double norm = 0.0;
        for (int i = 0; i < n; i++) {
            norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]));
        }
        for (int l = 0; l < n; l++) {
            int sweeps = 0;
            while (true) {
                int m = l;
                while (m < n - 1 && !negligible(e[m], d[m], d[m + 1], norm)) {
                    m++;
                }
                if (m == l) {
                    break;
                }
                if (++sweeps > MAX_SWEEPS_PER_VALUE) {
                    throw new ArithmeticException("eigenvalues: QL did not converge for value " + l);
                }
                sweep(d, e, l, m);
            }
        }
    }

    private static boolean negligible(double offDiagonal, double above, double below, double norm) {
        double size = Math.abs(offDiagonal);
        return size <= EPSILON * (Math.abs(above) + Math.abs(below)) || size <= EPSILON * norm;
    }

    /** One implicit QL step on the unreduced block l..m with the Wilkinson shift from its top 2 x 2 corner. */
    private static void sweep(double[] d, double[] e, int l, int m) {
        double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
        double r = Math.hypot(g, 1.0);
        g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
        double s = 1.0;
        double c = 1.0;
        double p = 0.0;
        for (int i = m - 1; i >= l; i--) {
            double f = s * e[i];
            double b = c * e[i];
            r = Math.hypot(f, g);
            e[i + 1] = r;
            if (r == 0.0) {
                // The rotation vanished: the block splits here; undo the pending shift and restart.
                d[i + 1] -= p;
                e[m] = 0.0;
                return;
            }
            s = f / r;
            c = g / r;
            g = d[i + 1] - p;
            r = (d[i] - g) * s + 2.0 * c * b;
            p = s * r;
            d[i + 1] = g + p;
            g = c * r - b;
        }
        d[l] -= p;
        e[l] = g;
        e[m] = 0.0;
    }
}
