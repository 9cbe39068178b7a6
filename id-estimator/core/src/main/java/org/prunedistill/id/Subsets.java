package org.prunedistill.id;

import java.util.random.RandomGenerator;

/** Random subsets of rows or columns of {@link Points}, and the moments reported over repetitions. */
final class Subsets {

    private Subsets() {
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, RandomGenerator random) {
        return choose(n, n, random);
    }

    /** m distinct indices of 0..n-1, uniformly at random, in random order (a partial Fisher-Yates shuffle). */
    static int[] choose(int n, int m, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] chosen = new int[m];
        System.arraycopy(order, 0, chosen, 0, m);
        return chosen;
    }

    /** The given rows of points, in the given order. */
    static Points rows(Points points, int[] rows, int from, int count) {
        int d = points.d();
        float[] data = new float[count * d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(points.data(), rows[from + i] * d, data, i * d, d);
        }
        return new Points(data, count, d);
    }

    /** The given columns of points, in the given order. */
    static Points columns(Points points, int[] columns) {
        int n = points.n();
        int d = points.d();
        float[] data = new float[n * columns.length];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < columns.length; c++) {
                data[r * columns.length + c] = points.data()[r * d + columns[c]];
            }
        }
        return new Points(data, n, columns.length);
    }

    static double mean(double[] values) {
        double sum = 0.0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Population standard deviation (divisor n, numpy's default, as in Ansuini et al. 2019 and DADApy). */
    static double standardDeviation(double[] values) {
        double mean = mean(values);
        double sum = 0.0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
