package org.prunedistill.info;

/** Ordinary least squares of {@code y = c + a x + b x^2} by the normal equations, for checking closed forms. */
final class LeastSquares {

    private LeastSquares() {
    }

    /** The fitted intercept {@code c}. */
    static double quadraticIntercept(double[] x, double[] y) {
        double[][] normal = new double[3][4];
        for (int i = 0; i < x.length; i++) {
            double[] basis = {1.0, x[i], x[i] * x[i]};
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 3; col++) {
                    normal[row][col] += basis[row] * basis[col];
                }
                normal[row][3] += basis[row] * y[i];
            }
        }
        return solve(normal)[0];
    }

    /** Gauss-Jordan elimination with partial pivoting of an augmented 3 x 4 system. */
    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int row = 0; row < n; row++) {
                if (row != col) {
                    double factor = a[row][col] / a[col][col];
                    for (int k = col; k <= n; k++) {
                        a[row][k] -= factor * a[col][k];
                    }
                }
            }
        }
        double[] solution = new double[n];
        for (int i = 0; i < n; i++) {
            solution[i] = a[i][n] / a[i][i];
        }
        return solution;
    }
}
