package org.prunedistill.id;

import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.prunedistill.claimcheck.Npy;

/** Seeded test data: uniform manifolds isometrically embedded in higher dimensions, and the DADApy reference. */
final class Samples {

    /** DADApy's test data set, relative to the module directory (the working directory of surefire). */
    static final Path DADAPY_TWO_GAUSSIANS = Path.of("../../test-support/reference/id/dadapy_2gaussians_in_2d.npy");

    private Samples() {
    }

    /** n points uniform in the unit d-cube. */
    static double[][] uniformCube(int n, int d, RandomGenerator random) {
        double[][] points = new double[n][d];
        for (double[] point : points) {
            for (int c = 0; c < d; c++) {
                point[c] = random.nextDouble();
            }
        }
        return points;
    }

    /** n points uniform on the unit sphere S^(d-1) in R^d (normalised Gaussians). */
    static double[][] uniformSphere(int n, int d, RandomGenerator random) {
        double[][] points = new double[n][d];
        for (double[] point : points) {
            double norm = 0.0;
            for (int c = 0; c < d; c++) {
                point[c] = random.nextGaussian();
                norm += point[c] * point[c];
            }
            norm = Math.sqrt(norm);
            for (int c = 0; c < d; c++) {
                point[c] /= norm;
            }
        }
        return points;
    }

    /** Maps d-dimensional points into D dimensions by a random isometry (d orthonormal columns, Gram-Schmidt). */
    static Points embed(double[][] points, int dimensions, RandomGenerator random) {
        int d = points[0].length;
        double[][] basis = orthonormalColumns(dimensions, d, random);
        float[] data = new float[points.length * dimensions];
        for (int i = 0; i < points.length; i++) {
            for (int row = 0; row < dimensions; row++) {
                double value = 0.0;
                for (int c = 0; c < d; c++) {
                    value += basis[c][row] * points[i][c];
                }
                data[i * dimensions + row] = (float) value;
            }
        }
        return new Points(data, points.length, dimensions);
    }

    /** d orthonormal vectors of length D. */
    private static double[][] orthonormalColumns(int dimensions, int d, RandomGenerator random) {
        double[][] basis = new double[d][dimensions];
        for (int c = 0; c < d; c++) {
            for (int row = 0; row < dimensions; row++) {
                basis[c][row] = random.nextGaussian();
            }
            for (int previous = 0; previous < c; previous++) {
                double projection = dotProduct(basis[c], basis[previous]);
                for (int row = 0; row < dimensions; row++) {
                    basis[c][row] -= projection * basis[previous][row];
                }
            }
            double norm = Math.sqrt(dotProduct(basis[c], basis[c]));
            for (int row = 0; row < dimensions; row++) {
                basis[c][row] /= norm;
            }
        }
        return basis;
    }

    private static double dotProduct(double[] a, double[] b) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The DADApy two-Gaussians data (100 x 2 float64), rounded to float32. */
    static Points dadapyTwoGaussians() {
        Npy.Doubles doubles = Npy.readDoubles(DADAPY_TWO_GAUSSIANS);
        float[] data = new float[doubles.data().length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) doubles.data()[i];
        }
        return new Points(data, doubles.shape()[0], doubles.shape()[1]);
    }

    /** The rows of points in the given order. */
    static Points permuteRows(Points points, int[] order) {
        int d = points.d();
        float[] data = new float[order.length * d];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(points.data(), order[i] * d, data, i * d, d);
        }
        return new Points(data, order.length, d);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] shuffledOrder(int n, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
