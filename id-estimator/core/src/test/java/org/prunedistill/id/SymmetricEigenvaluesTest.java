package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenvaluesTest {

    static final double TOLERANCE = 1e-10;

    @Test
    void returnsTheDiagonalOfADiagonalMatrixInDescendingOrder() {
        double[][] matrix = {{2, 0, 0}, {0, 5, 0}, {0, 0, -1}};
        assertArrayEquals(new double[] {5, 2, -1}, SymmetricEigenvalues.of(matrix), TOLERANCE);
    }

    @Test
    void solvesATwoByTwoMatrixInClosedForm() {
        double[][] matrix = {{2, 1}, {1, 2}};
        assertArrayEquals(new double[] {3, 1}, SymmetricEigenvalues.of(matrix), TOLERANCE);
    }

    @Test
    void findsTheKnownSpectrumOfTheSecondDifferenceMatrix() {
        int n = 40;
        double[][] matrix = new double[n][n];
        for (int i = 0; i < n; i++) {
            matrix[i][i] = 2.0;
            if (i > 0) {
                matrix[i][i - 1] = -1.0;
                matrix[i - 1][i] = -1.0;
            }
        }
        double[] eigenvalues = SymmetricEigenvalues.of(matrix);
        for (int k = 1; k <= n; k++) {
            assertEquals(2.0 - 2.0 * Math.cos(k * Math.PI / (n + 1)), eigenvalues[n - k], TOLERANCE);
        }
    }

    @Test
    void preservesTheTracesOfPowersOfARandomSymmetricMatrix() {
        int n = 60;
        SplittableRandom random = new SplittableRandom(81);
        double[][] matrix = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                matrix[i][j] = random.nextGaussian();
                matrix[j][i] = matrix[i][j];
            }
        }
        double[] eigenvalues = SymmetricEigenvalues.of(matrix);
        double trace = 0.0;
        double frobenius = 0.0;
        double cube = 0.0;
        for (int i = 0; i < n; i++) {
            trace += matrix[i][i];
            for (int j = 0; j < n; j++) {
                frobenius += matrix[i][j] * matrix[i][j];
                for (int k = 0; k < n; k++) {
                    cube += matrix[i][j] * matrix[j][k] * matrix[k][i];
                }
            }
        }
        double sum = 0.0;
        double squares = 0.0;
        double cubes = 0.0;
        for (double lambda : eigenvalues) {
            sum += lambda;
            squares += lambda * lambda;
            cubes += lambda * lambda * lambda;
        }
        assertEquals(trace, sum, 1e-9);
        assertEquals(frobenius, squares, 1e-8);
        assertEquals(cube, cubes, 1e-7);
    }

    @Test
    void handlesAOneByOneMatrix() {
        assertArrayEquals(new double[] {7}, SymmetricEigenvalues.of(new double[][] {{7}}), TOLERANCE);
    }

    @Test
    void rejectsANonSquareMatrix() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigenvalues.of(new double[][] {{1, 2}, {3}}));
    }
}
