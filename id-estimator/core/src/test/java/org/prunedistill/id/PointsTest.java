package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PointsTest {

    @Test
    void readsCoordinatesRowMajor() {
        Points points = new Points(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 3, 2);
        assertEquals(4f, points.get(1, 1));
        assertEquals(5f, points.get(2, 0));
    }

    @Test
    void namesTheRowAndColumnOfTheFirstNaN() {
        float[] data = new float[5 * 3];
        data[4 * 3 + 2] = Float.NaN;
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Points(data, 5, 3));
        assertTrue(error.getMessage().contains("row 4, column 2"), error.getMessage());
    }

    @Test
    void rejectsInfiniteValues() {
        float[] data = new float[4 * 2];
        data[3] = Float.NEGATIVE_INFINITY;
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Points(data, 4, 2));
        assertTrue(error.getMessage().contains("row 1, column 1"), error.getMessage());
    }

    @Test
    void needsAtLeastThreePoints() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Points(new float[4], 2, 2));
        assertTrue(error.getMessage().contains("need at least 3 points, got 2"), error.getMessage());
    }

    @Test
    void rejectsALengthThatIsNotNTimesD() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Points(new float[10], 3, 3));
        assertTrue(error.getMessage().startsWith("data"), error.getMessage());
    }

    @Test
    void rejectsNoDimensionsAndNullData() {
        assertThrows(IllegalArgumentException.class, () -> new Points(new float[0], 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new Points(null, 3, 1));
    }
}
