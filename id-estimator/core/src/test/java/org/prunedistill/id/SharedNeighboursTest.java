package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SharedNeighboursTest {

    @Test
    void subsetNeighbourhoodsEqualASearchOnTheSubsetBitForBit() {
        Points points = Samples.embed(Samples.uniformCube(300, 4, new SplittableRandom(3)), 12, new SplittableRandom(4));
        SharedNeighbours shared = SharedNeighbours.search(points, 16, NeighbourSearchMethod.JAVA);
        int[] rows = Subsets.choose(300, 270, new SplittableRandom(5));
        assertSameNeighbourhoods(searchOnSubset(points, rows, 5), shared.subset(rows, 5));
    }

    @Test
    void pointsWhoseShortListRunsOutAreComputedExactly() {
        // Lists of 2 and a subset of a quarter: most points lose their listed neighbours and take the exact path.
        Points points = Samples.embed(Samples.uniformCube(200, 3, new SplittableRandom(6)), 5, new SplittableRandom(7));
        SharedNeighbours shared = SharedNeighbours.search(points, 2, NeighbourSearchMethod.JAVA);
        int[] rows = Subsets.choose(200, 50, new SplittableRandom(8));
        assertSameNeighbourhoods(searchOnSubset(points, rows, 4), shared.subset(rows, 4));
    }

    @Test
    void rowsAreThoseOfTheDistinctPoints() {
        float[] data = {0, 0, 1, 0, 0, 0, 0, 3, 5, 5, 2, 2, 1, 0};
        Points points = new Points(data, 7, 2);
        SharedNeighbours shared = SharedNeighbours.search(points, 3, NeighbourSearchMethod.JAVA);
        assertEquals(5, shared.n());
        assertEquals(2, shared.all().duplicatesRemoved());
        Neighbourhoods subset = shared.subset(new int[] {4, 0, 1}, 2);
        // Distinct rows: (0,0) (1,0) (0,3) (5,5) (2,2); the subset holds (0,0) (1,0) (2,2) in that order.
        assertArrayEquals(new int[] {1, 2}, subset.indices()[0]);
        assertEquals(Math.sqrt(8.0), subset.distances()[2][1], 0.0);
    }

    @Test
    void refusesRepeatedOrOutOfRangeRowsAndTooManyNeighbours() {
        Points points = Samples.embed(Samples.uniformCube(20, 2, new SplittableRandom(9)), 2, new SplittableRandom(10));
        SharedNeighbours shared = SharedNeighbours.search(points, 4, NeighbourSearchMethod.JAVA);
        assertThrows(IllegalArgumentException.class, () -> shared.subset(new int[] {1, 1, 2, 3}, 2));
        assertThrows(IllegalArgumentException.class, () -> shared.subset(new int[] {1, 2, 20}, 1));
        assertThrows(IllegalArgumentException.class, () -> shared.subset(new int[] {1, 2, 3}, 3));
    }

    private static Neighbourhoods searchOnSubset(Points points, int[] rows, int k) {
        int[] sorted = rows.clone();
        Arrays.sort(sorted);
        return NearestNeighbours.exact(Subsets.rows(points, sorted, 0, sorted.length), k);
    }

    private static void assertSameNeighbourhoods(Neighbourhoods expected, Neighbourhoods actual) {
        assertEquals(expected.n(), actual.n());
        for (int i = 0; i < expected.n(); i++) {
            assertArrayEquals(expected.distances()[i], actual.distances()[i], 0.0, "distances of point " + i);
            assertArrayEquals(expected.indices()[i], actual.indices()[i], "indices of point " + i);
        }
    }
}
