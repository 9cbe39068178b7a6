package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NeighbourhoodsTest {

    @Test
    void countsDistinctPointsAndNeighbours() {
        Neighbourhoods neighbourhoods = new Neighbourhoods(new double[][] {{1, 2}, {1, 1}, {1, 2}},
                new int[][] {{1, 2}, {0, 2}, {1, 0}}, 5, 2);
        assertEquals(3, neighbourhoods.n());
        assertEquals(2, neighbourhoods.k());
    }

    @Test
    void rejectsCountsThatDoNotAddUp() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Neighbourhoods(new double[][] {{1}, {1}, {1}}, new int[][] {{1}, {0}, {1}}, 4, 0));
        assertTrue(error.getMessage().contains("pointsBefore"), error.getMessage());
    }

    @Test
    void rejectsDistancesThatAreNotAscending() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Neighbourhoods(new double[][] {{2, 1}, {1, 1}, {1, 2}},
                        new int[][] {{1, 2}, {0, 2}, {1, 0}}, 3, 0));
        assertTrue(error.getMessage().contains("row 0"), error.getMessage());
    }

    @Test
    void rejectsAPointListedAsItsOwnNeighbour() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Neighbourhoods(new double[][] {{1}, {1}, {1}}, new int[][] {{1}, {1}, {0}}, 3, 0));
        assertTrue(error.getMessage().startsWith("indices: row 1"), error.getMessage());
    }

    @Test
    void idEstimateCopiesItsParametersAndValidatesCounts() {
        IdEstimate estimate = new IdEstimate("twonn", 2.0, Double.NaN, 1.0, 9, 1, Map.of("fraction", "0.9"));
        assertThrows(UnsupportedOperationException.class, () -> estimate.parameters().put("x", "y"));
        assertThrows(IllegalArgumentException.class,
                () -> new IdEstimate("twonn", 2.0, Double.NaN, 1.0, -1, 1, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new IdEstimate(" ", 2.0, 0.0, 1.0, 1, 1, Map.of()));
    }
}
