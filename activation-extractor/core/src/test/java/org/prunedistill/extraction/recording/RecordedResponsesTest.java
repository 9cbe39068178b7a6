package org.prunedistill.extraction.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedResponsesTest {

    private static final float NAN = Float.NaN;

    /** [3 units, 2 conditions, 3 trials]: value = 100 u + 10 c + t, with NaN trials at the given flat indices. */
    private static float[] grid(int... nanAt) {
        float[] data = new float[18];
        for (int i = 0; i < data.length; i++) {
            data[i] = 100 * (i / 6) + 10 * (i / 3 % 2) + i % 3;
        }
        for (int i : nanAt) {
            data[i] = NAN;
        }
        return data;
    }

    @Test
    void refusesAnInfiniteValueNamingUnitConditionAndTrial() {
        float[] data = grid();
        data[6 + 3 + 2] = Float.POSITIVE_INFINITY;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordedResponses.of(data,
                new int[] {3, 2, 3}, List.of("a", "b", "c"), "s", "area.npy"));
        assertTrue(e.getMessage().startsWith("area.npy: infinite value Infinity at unit 1 (id b), condition 1,"
                + " trial 2"), e.getMessage());
    }

    @Test
    void aShapeWhoseCellCountWrapsAroundAnIntIsRefusedNotMisread() {
        // 65536 x 65537 cells per unit is 2^32 + 65536: as an int it wraps to 65536, which 2 x 65536 values "fill".
        float[] data = new float[2 * 65536];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordedResponses.of(data, new int[] {2, 65536, 65537}, null, "", "huge.npy"));
        assertEquals("huge.npy: 131072 values do not fill shape [2, 65536, 65537]", e.getMessage());
    }

    @Test
    void dropsAnAllNanUnitAndRecordsItsId() {
        RecordedResponses responses = RecordedResponses.of(grid(6, 7, 8, 9, 10, 11), new int[] {3, 2, 3},
                List.of("a", "b", "c"), null, "x");
        assertEquals(2, responses.units());
        assertEquals(List.of("a", "c"), responses.unitIds());
        assertEquals(List.of("b"), responses.droppedUnitIds());
        assertEquals(211f, responses.value(1, 1, 1));
        assertEquals("", responses.session());
    }

    @Test
    void refusesARecordingWhereEveryUnitIsAllNan() {
        float[] data = new float[6];
        java.util.Arrays.fill(data, NAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordedResponses.of(data, new int[] {2, 1, 3}, null, "", "lost.npz:responses.npy"));
        assertTrue(e.getMessage().contains("lost.npz:responses.npy: none of the 2 units"), e.getMessage());
    }

    @Test
    void reportsUnitsBelowTheMinimumWithoutDroppingThem() {
        RecordedResponses responses = RecordedResponses.of(grid(0, 1, 14), 3, 2, 3);
        TrialCoverage coverage = responses.coverage(3);
        assertEquals(3, responses.units());
        assertEquals(18, coverage.totalTrials());
        assertEquals(3, coverage.missingTrials());
        assertEquals(List.of(new TrialCoverage.Shortfall(0, "0", 0, 1), new TrialCoverage.Shortfall(2, "2", 0, 2)),
                coverage.shortfalls());
        assertEquals(java.util.Set.of(0, 2), coverage.unitsBelowMinimum());
        assertTrue(responses.coverage(1).meetsMinimum());
        assertArrayEquals(new int[] {2}, responses.validTrialIndices(0, 0));
        assertArrayEquals(new int[] {0, 1}, responses.validTrialIndices(2, 0));
    }

    @Test
    void selectsUnitsInTheGivenOrder() {
        RecordedResponses responses = RecordedResponses.of(grid(), 3, 2, 3).selectUnits(new int[] {2, 0});
        assertEquals(List.of("2", "0"), responses.unitIds());
        assertEquals(212f, responses.value(0, 1, 2));
        assertEquals(12f, responses.value(1, 1, 2));
    }

    @Test
    void refusesDuplicateUnitIdsAndWrongShapes() {
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class, () -> RecordedResponses
                .of(grid(), new int[] {3, 2, 3}, List.of("a", "b", "a"), "", "f.h5:/units/id"));
        assertTrue(duplicate.getMessage().contains("f.h5:/units/id: unit id a appears twice (again at unit 2)"),
                duplicate.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> RecordedResponses.of(grid(), new int[] {3, 6}, null, "", "r.npy"));
        assertTrue(rank.getMessage().contains("r.npy: shape [3, 6] has rank 2"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordedResponses.of(grid(), 3, 2, 3).value(0, 2, 0));
    }
}
