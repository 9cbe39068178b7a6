package org.prunedistill.extraction.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two sessions: "a" recorded table conditions 0, 1, 2 with 3 trials (2 units; unit 1 lost trials 0 and 1 of table
 * condition 2), "b" recorded table conditions 1, 2, 3 with 4 trials (1 unit). Values are 1000 s + 100 u + 10 c + t
 * with c the session's own condition index, so every pseudo-trial can be traced back by hand.
 */
class PseudoPopulationTest {

    private static final long SEED = 20221128L;

    private static RecordedResponses session(String name, int session, int units, int conditions, int trials,
            int... nanAt) {
        float[] data = new float[units * conditions * trials];
        for (int i = 0; i < data.length; i++) {
            data[i] = 1000 * session + 100 * (i / (conditions * trials)) + 10 * (i / trials % conditions) + i % trials;
        }
        for (int i : nanAt) {
            data[i] = Float.NaN;
        }
        return RecordedResponses.of(data, new int[] {units, conditions, trials}, null, name, name);
    }

    private static List<PseudoPopulation.Session> sessions() {
        RecordedResponses a = session("a", 1, 2, 3, 3, 9 + 6, 9 + 7);
        RecordedResponses b = session("b", 2, 1, 3, 4);
        return List.of(new PseudoPopulation.Session(a, new int[] {0, 1, 2}),
                new PseudoPopulation.Session(b, new int[] {1, 2, 3}));
    }

    private static float[] trialsOf(PseudoPopulation.Result result, int unit, int condition) {
        float[] values = new float[result.pseudoTrials()];
        for (int t = 0; t < values.length; t++) {
            values[t] = result.responses().value(unit, condition, t);
        }
        return values;
    }

    @Test
    void alignsSharedConditionsWithTheScarcestUnitSettingThePseudoTrials() {
        PseudoPopulation.Result result = PseudoPopulation.withDefaults().build(sessions(), new SplittableRandom(SEED));
        assertEquals(List.of(1, 2), result.conditions());
        assertEquals(1, result.pseudoTrials());
        assertEquals(List.of(new PseudoPopulation.DroppedCondition(0, "not recorded in session b"),
                new PseudoPopulation.DroppedCondition(3, "not recorded in session a")), result.dropped());
        assertEquals(List.of("a/0", "a/1", "b/0"), result.responses().unitIds());
        assertArrayEquals(new int[] {3, 2, 1}, result.responses().shape());
        assertEquals(0, result.responses().missingTrials());
        assertEquals(1122f, result.responses().value(1, 1, 0), "unit a/1 has one valid trial in table condition 2");
    }

    @Test
    void dropsConditionsBelowTheMinimumAndDrawsEachUnitsTrialsWithoutReplacement() {
        PseudoPopulation.Result result = PseudoPopulation.withDefaults().withMinimumPseudoTrials(2)
                .build(sessions(), new SplittableRandom(SEED));
        assertEquals(List.of(1), result.conditions());
        assertEquals(3, result.pseudoTrials());
        assertEquals(new PseudoPopulation.DroppedCondition(2, "unit 1 of session a has 1 valid trials, fewer than"
                + " the 2 required"), result.dropped().get(2));
        float[] unitA0 = trialsOf(result, 0, 0);
        Arrays.sort(unitA0);
        assertArrayEquals(new float[] {1010, 1011, 1012}, unitA0, "all three trials, each once");
        float[] unitB0 = trialsOf(result, 2, 0);
        assertEquals(3, IntStream.range(0, 3).mapToObj(i -> unitB0[i]).distinct().count(), "no trial drawn twice");
        for (float value : unitB0) {
            assertTrue(value >= 2000 && value <= 2003, "b's session condition 0 is table condition 1: " + value);
        }
    }

    @Test
    void honoursAFixedPseudoTrialCountAndAGivenConditionOrder() {
        PseudoPopulation.Result result = PseudoPopulation.withDefaults().withPseudoTrials(2)
                .withConditions(List.of(2, 1, 0)).build(sessions(), new SplittableRandom(SEED));
        assertEquals(List.of(1), result.conditions());
        assertEquals(2, result.pseudoTrials());
        assertEquals(List.of(0, 2), result.dropped().stream().map(PseudoPopulation.DroppedCondition::condition)
                .sorted().toList());
        assertTrue(result.dropped().stream().anyMatch(d -> d.reason().contains("fewer than the 2 pseudo-trials")));
    }

    @Test
    void isDeterministicForASeed() {
        PseudoPopulation population = PseudoPopulation.withDefaults().withPseudoTrials(2);
        float[] first = population.build(sessions(), new SplittableRandom(SEED)).responses().data();
        float[] again = population.build(sessions(), new SplittableRandom(SEED)).responses().data();
        assertArrayEquals(first, again);
        boolean differs = false;
        for (long seed = 1; seed < 20 && !differs; seed++) {
            differs = !Arrays.equals(first, population.build(sessions(), new SplittableRandom(seed)).responses()
                    .data());
        }
        assertTrue(differs, "another seed draws other trials");
    }

    @Test
    void refusesWhenNoConditionIsLeft() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PseudoPopulation
                .withDefaults().withPseudoTrials(4).build(sessions(), new SplittableRandom(SEED)));
        assertTrue(e.getMessage().contains("no condition left"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
        assertNotEquals(-1, e.getMessage().indexOf("fewer than the 4 pseudo-trials"));
    }
}
