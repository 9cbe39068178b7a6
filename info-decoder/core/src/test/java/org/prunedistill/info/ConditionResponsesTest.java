package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionResponsesTest {

    /** Three conditions of two trials each, condition-major; condition 1 lost its first trial. */
    private static final double[] VALUES = {1.0, 2.0, Double.NaN, 4.0, 5.0, 6.5};

    @Test
    void selectsConditionsInTheOrderGivenWithoutTheirMissingTrials() {
        ConditionResponses selected = ConditionResponses.ofSelectedConditions(VALUES, 2, new int[] {2, 1, 0});
        assertEquals(new ConditionResponses(new double[][] {{5.0, 6.5}, {4.0}, {1.0, 2.0}}), selected);
        VALUES[4] = 50.0;
        assertEquals(5.0, selected.trials()[0][0], "the selection is a copy");
        VALUES[4] = 5.0;
    }

    @Test
    void keepsConditionsOfDifferentTrialCountsApartAndCopiesInAndOut() {
        double[][] trials = {{1.0, 2.0, 3.0}, {4.0}, {5.0, 6.0}};
        ConditionResponses responses = new ConditionResponses(trials);
        trials[0][0] = 100.0;
        double[][] out = responses.trials();
        assertEquals(3, responses.conditions());
        assertEquals(6, responses.totalTrials());
        assertEquals(1.0, out[0][0], "a copy in");
        out[2][1] = 100.0;
        assertEquals(6.0, responses.trials()[2][1], "a copy out");
        ConditionResponses subset = responses.subset(new boolean[] {true, false, true});
        assertEquals(new ConditionResponses(new double[][] {{1.0, 2.0, 3.0}, {5.0, 6.0}}), subset);
        assertEquals(new ConditionResponses(new double[][] {{1.0, 2.0, 3.0}, {5.0, 6.0}}).hashCode(), subset.hashCode());
        // The same values cut into other conditions are other responses.
        assertNotEquals(new ConditionResponses(new double[][] {{1.0, 2.0}, {3.0, 5.0, 6.0}}), subset);
        ConditionResponses pairs = ConditionResponses.ofConditionMajor(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertEquals(new ConditionResponses(new double[][] {{1, 2}, {3, 4}, {5, 6}}), pairs);
        assertSame(pairs, pairs.subset(new boolean[] {true, true, true}), "immutable: all kept is itself");
    }

    @Test
    void refusesASelectionItCannotMake() {
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> ConditionResponses.ofSelectedConditions(VALUES, 2, new int[] {0, 3}));
        assertTrue(outside.getMessage().contains("selected[1] = 3 is outside the 3 conditions"), outside.getMessage());
        IllegalArgumentException allMissing = assertThrows(IllegalArgumentException.class,
                () -> ConditionResponses.ofSelectedConditions(new double[] {1.0, Double.NaN, Double.NaN}, 1,
                        new int[] {0, 2}));
        assertTrue(allMissing.getMessage().contains("trials[1] holds no trials"), allMissing.getMessage());
        IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class,
                () -> ConditionResponses.ofSelectedConditions(new double[] {1.0, Double.POSITIVE_INFINITY}, 1,
                        new int[] {0, 1}));
        assertTrue(infinite.getMessage().contains("trials[1][0] is not finite"), infinite.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> ConditionResponses.ofSelectedConditions(VALUES, 4, new int[] {0}));
        assertTrue(ragged.getMessage().contains("not a whole number of conditions of 4 trials"), ragged.getMessage());
    }

    @Test
    void meansAreOverEachConditionsTrialsAndASingleTrialIsItsOwnMean() {
        double[] means = new ConditionResponses(new double[][] {{1.0, 2.0, 4.5}, {-0.0}, {2.5}}).means();
        assertEquals(2.5, means[0], 0.0);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(means[1]), "-0.0 + 0.0 is +0.0");
        assertEquals(2.5, means[2], 0.0);
    }
}
