package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {

    static final int N = 300;
    static final int D = 17;
    static final int K = 5;
    static final double DISTANCE_TOLERANCE = 1e-12;
    static final int SMALL_BLOCK = 7;

    @Test
    void matchesANaiveSearchOnGaussianData() {
        Points points = gaussian(new SplittableRandom(1), 0.0f);
        assertMatchesNaive(points, NearestNeighbours.exact(points, K));
    }

    @Test
    void matchesANaiveSearchOnIntegerDataWithManyExactTies() {
        SplittableRandom random = new SplittableRandom(2);
        float[] data = new float[N * D];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(4);
        }
        Points points = new Points(data, N, D);
        assertMatchesNaive(points, NearestNeighbours.exact(points, K));
        assertMatchesNaive(points, NearestNeighbours.exact(points, K, SMALL_BLOCK));
    }

    @Test
    void staysExactForPointsFarFromTheOrigin() {
        Points points = gaussian(new SplittableRandom(3), 3_000.0f);
        assertMatchesNaive(points, NearestNeighbours.exact(points, K));
    }

    @Test
    void givesTheSameNeighboursForAnyBlockSize() {
        Points points = gaussian(new SplittableRandom(4), 0.0f);
        Neighbourhoods reference = NearestNeighbours.exact(points, K);
        Neighbourhoods ragged = NearestNeighbours.exact(points, K, SMALL_BLOCK);
        assertTrue(Arrays.deepEquals(reference.indices(), ragged.indices()));
        assertTrue(Arrays.deepEquals(reference.distances(), ragged.distances()));
    }

    @Test
    void removesDuplicateRowsKeepingTheFirstOccurrence() {
        float[] line = {0f, 1f, 0f, 3f, 1f, 7f};
        Neighbourhoods neighbourhoods = NearestNeighbours.exact(new Points(line, 6, 1), 2);
        assertEquals(4, neighbourhoods.n());
        assertEquals(6, neighbourhoods.pointsBefore());
        assertEquals(2, neighbourhoods.duplicatesRemoved());
        assertEquals(2, neighbourhoods.k());
        // de-duplicated rows: 0 -> 0, 1 -> 1, 2 -> 3, 3 -> 7
        assertArrayEquals(new int[] {1, 2}, neighbourhoods.indices()[0]);
        assertArrayEquals(new double[] {1.0, 3.0}, neighbourhoods.distances()[0]);
        assertArrayEquals(new int[] {0, 2}, neighbourhoods.indices()[1]);
        assertArrayEquals(new double[] {1.0, 2.0}, neighbourhoods.distances()[1]);
        assertArrayEquals(new int[] {1, 0}, neighbourhoods.indices()[2]);
        assertArrayEquals(new int[] {2, 1}, neighbourhoods.indices()[3]);
        assertArrayEquals(new double[] {4.0, 6.0}, neighbourhoods.distances()[3]);
    }

    @Test
    void treatsNegativeZeroAsADuplicateOfZero() {
        float[] data = {0f, 1f, -0f, 1f, 2f, 2f, 5f, 1f};
        assertEquals(1, NearestNeighbours.exact(new Points(data, 4, 2), 1).duplicatesRemoved());
    }

    @Test
    void breaksTiesByTheLowerIndex() {
        float[] line = {0f, 1f, -1f, 2f};
        Neighbourhoods neighbourhoods = NearestNeighbours.exact(new Points(line, 4, 1), 2);
        assertArrayEquals(new int[] {1, 2}, neighbourhoods.indices()[0]);
    }

    @Test
    void rejectsPointsThatAreAllIdentical() {
        float[] same = new float[10 * 3];
        Arrays.fill(same, 0.5f);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbours.exact(new Points(same, 10, 3), 1));
        assertTrue(error.getMessage().contains("only 1 distinct point"), error.getMessage());
    }

    @Test
    void rejectsKOutsideOneToDistinctPointsMinusOne() {
        Points points = new Points(new float[] {0f, 1f, 3f, 3f}, 4, 1);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbours.exact(points, 3));
        assertTrue(tooMany.getMessage().startsWith("k must be in [1, 2]"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbours.exact(points, 0));
        assertEquals(2, NearestNeighbours.exact(points, 2).k());
    }

    private static Points gaussian(SplittableRandom random, float offset) {
        float[] data = new float[N * D];
        for (int i = 0; i < data.length; i++) {
            data[i] = offset + (float) random.nextGaussian();
        }
        return new Points(data, N, D);
    }

    /** Brute force on the de-duplicated rows: all distances in double, sorted by (distance, index). */
    private static void assertMatchesNaive(Points points, Neighbourhoods actual) {
        List<float[]> rows = distinctRows(points);
        assertEquals(rows.size(), actual.n());
        for (int i = 0; i < rows.size(); i++) {
            double[] all = new double[rows.size()];
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < rows.size(); j++) {
                all[j] = naiveDistance(rows.get(i), rows.get(j));
                if (j != i) {
                    others.add(j);
                }
            }
            others.sort(Comparator.<Integer>comparingDouble(j -> all[j]).thenComparingInt(j -> j));
            for (int j = 0; j < actual.k(); j++) {
                assertEquals(others.get(j), actual.indices()[i][j], "row " + i + " neighbour " + j);
                assertEquals(all[others.get(j)], actual.distances()[i][j], DISTANCE_TOLERANCE);
            }
        }
    }

    private static List<float[]> distinctRows(Points points) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < points.n(); i++) {
            float[] row = Arrays.copyOfRange(points.data(), i * points.d(), (i + 1) * points.d());
            if (rows.stream().noneMatch(seen -> Arrays.equals(seen, row))) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static double naiveDistance(float[] a, float[] b) {
        double sum = 0.0;
        for (int c = 0; c < a.length; c++) {
            sum += Math.pow((double) a[c] - (double) b[c], 2);
        }
        return Math.sqrt(sum);
    }

    @Test
    void computesAsManyNeighboursAsTheDistinctPointsAllowWithUpTo() {
        float[] data = {0, 0, 1, 0, 0, 1, 0, 0, 2, 2};
        Neighbourhoods capped = NearestNeighbours.upTo(new Points(data, 5, 2), 64);
        assertEquals(1, capped.duplicatesRemoved());
        assertEquals(3, capped.k());
        assertEquals(2, NearestNeighbours.upTo(new Points(data, 5, 2), 2).k());
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbours.upTo(new Points(data, 5, 2), 0));
    }
}
