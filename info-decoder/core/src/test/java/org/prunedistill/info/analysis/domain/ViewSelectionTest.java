package org.prunedistill.info.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

class ViewSelectionTest {

    /** Conditions 0, 1: position views; 2, 3 at -15 deg; 4, 5 at +15 deg. */
    private static List<StimulusCondition> design() {
        List<StimulusCondition> conditions = new ArrayList<>();
        conditions.add(new StimulusCondition(0, 0, "a", "position", -22.5, 50, 10));
        conditions.add(new StimulusCondition(1, 0, "a", "position", 30, 50, 10));
        conditions.add(new StimulusCondition(2, 0, "a", "size", 15, 50, 10, -15));
        conditions.add(new StimulusCondition(3, 0, "a", "size", 25, 50, 10, -15));
        conditions.add(new StimulusCondition(4, 0, "a", "size", 15, 50, 10, 15));
        conditions.add(new StimulusCondition(5, 0, "a", "size", 25, 50, 10, 15));
        return conditions;
    }

    @Test
    void keepsThePositionViewsAndTheNearerDefaultPosition() {
        ViewSelection views = ViewSelection.of(design());
        assertEquals(ViewSelection.NEARER_DEFAULT_POSITION, views.rule());
        assertArrayEquals(new int[] {0, 1, 4, 5}, views.conditionsFor(20));
        assertArrayEquals(new int[] {0, 1, 2, 3}, views.conditionsFor(-40));
    }

    @Test
    void tiesAndUnknownAzimuthsGoToTheLeftmostDefaultPosition() {
        ViewSelection views = ViewSelection.of(design());
        assertArrayEquals(new int[] {0, 1, 2, 3}, views.conditionsFor(0));
        assertArrayEquals(new int[] {0, 1, 2, 3}, views.conditionsFor(Double.NaN));
    }

    @Test
    void usesEveryConditionOfASetWithoutDefaultPositions() {
        List<StimulusCondition> shapes = List.of(new StimulusCondition(0, 0, "a", "size", 15, 50, 10),
                new StimulusCondition(1, 1, "b", "size", 15, 50, 10));
        ViewSelection views = ViewSelection.of(shapes);
        assertEquals(ViewSelection.ALL_CONDITIONS, views.rule());
        assertArrayEquals(new int[] {0, 1}, views.conditionsFor(12));
    }
}
