package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SingleUnitDecoderTest {

    private static final int VIEWS = 23;
    private static final int TRIALS = 20;
    /** Chance-subtracted bits of an uninformative unit stay within this of 0 (920 decoded trials). */
    private static final double CHANCE_TOLERANCE = 0.02;
    /** Percent correct of an uninformative unit stays within this of 50 (920 trials, sd about 1.6). */
    private static final double PERCENT_TOLERANCE = 6.0;

    /** Cross-validated percent correct of a fitted Gaussian rule stays within this of the optimal rule's. */
    private static final double OPTIMAL_TOLERANCE = 1.5;
    /** Generalisation repetitions in tests (SCIENCE.md uses 1000; 200 keeps the tests fast). */
    private static final int REPETITIONS = 200;

    private final SingleUnitDecoder decoder = SingleUnitDecoder.withDefaults();

    private static int[] objects() {
        int[] objects = new int[2 * VIEWS];
        for (int c = VIEWS; c < objects.length; c++) {
            objects[c] = 1;
        }
        return objects;
    }

    private static int[] views() {
        int[] views = new int[2 * VIEWS];
        for (int c = 0; c < views.length; c++) {
            views[c] = c % VIEWS;
        }
        return views;
    }

    @Test
    void decodesAPlantedObjectSignalWellAboveChance() {
        SplittableRandom rng = new SplittableRandom(1);
        ConditionResponses responses = Design.responses(2, VIEWS, TRIALS, (o, v, r) -> 3.0 * o + r.nextGaussian(),
                rng);
        DecodingPerformance performance = decoder.separability(responses, objects(), views(), rng);

        // The Bayes-optimal rule (threshold 1.5) on this very sample; about 93.3% and 0.646 bits in expectation.
        double[][] values = responses.trials();
        int right = 0;
        for (int c = 0; c < values.length; c++) {
            for (double x : values[c]) {
                right += (x > 1.5) == (c >= VIEWS) ? 1 : 0;
            }
        }
        assertEquals(100.0 * right / (2 * VIEWS * TRIALS), performance.percentCorrect(), OPTIMAL_TOLERANCE,
                performance.toString());
        assertTrue(performance.bitsAboveChance() > 0.5, performance.toString());
        assertEquals(0.0, performance.chanceBits(), CHANCE_TOLERANCE, performance.toString());
        assertEquals(2 * VIEWS * TRIALS, performance.trials());
    }

    @Test
    void staysAtChanceForAUnitThatKnowsOnlyTheView() {
        SplittableRandom rng = new SplittableRandom(2);
        ConditionResponses responses = Design.responses(2, VIEWS, TRIALS, (o, v, r) -> v + 0.5 * r.nextGaussian(),
                rng);
        DecodingPerformance performance = decoder.separability(responses, objects(), views(), rng);

        assertEquals(0.0, performance.bitsAboveChance(), CHANCE_TOLERANCE, performance.toString());
        assertEquals(50.0, performance.percentCorrect(), PERCENT_TOLERANCE, performance.toString());
    }

    @Test
    void staysAtChanceOnShuffledObjectLabels() {
        SplittableRandom rng = new SplittableRandom(3);
        ConditionResponses responses = Design.responses(2, VIEWS, TRIALS, (o, v, r) -> 3.0 * o + r.nextGaussian(),
                rng);
        int[] shuffled = objects();
        TrialShuffling.shuffle(shuffled, 0, shuffled.length, rng);
        DecodingPerformance performance = decoder.separability(responses, shuffled, views(), rng);

        assertEquals(0.0, performance.bitsAboveChance(), 3 * CHANCE_TOLERANCE, performance.toString());
    }

    @Test
    void decodesASilentObjectAgainstAnActiveOneDespiteZeroVariance() {
        SplittableRandom rng = new SplittableRandom(4);
        ConditionResponses responses = Design.responses(2, VIEWS, TRIALS,
                (o, v, r) -> o == 0 ? 0.0 : 1.0 + r.nextDouble(), rng);
        DecodingPerformance performance = decoder.separability(responses, objects(), views(), rng);

        assertEquals(100.0, performance.percentCorrect(), 1e-12);
        assertEquals(1.0, performance.bits(), 1e-12);
    }

    @Test
    void generalisesAnInvariantObjectSignalToUnseenViews() {
        SplittableRandom rng = new SplittableRandom(7);
        ConditionResponses responses = Design.responses(2, VIEWS, TRIALS, (o, v, r) -> 3.0 * o + r.nextGaussian(),
                rng);
        DecodingPerformance performance = decoder.generalisation(responses, objects(), views(), REPETITIONS, rng);

        assertTrue(performance.bitsAboveChance() > 0.5, performance.toString());
        assertEquals(REPETITIONS * 2 * (VIEWS - 1) * TRIALS, performance.trials());
        assertEquals(REPETITIONS, performance.splits());
    }

    @Test
    void doesNotGeneraliseAUnitWhoseObjectPreferenceFlipsWithTheView() {
        SplittableRandom rng = new SplittableRandom(8);
        // Object 1 above object 0 at even views, below at odd ones: separable, but not across views.
        ConditionResponses responses = Design.responses(2, VIEWS, TRIALS,
                (o, v, r) -> (v % 2 == 0 ? 3.0 * o : 3.0 * (1 - o)) + r.nextGaussian(), rng);
        DecodingPerformance generalisation = decoder.generalisation(responses, objects(), views(), REPETITIONS, rng);

        assertTrue(generalisation.bitsAboveChance() < 0.1, generalisation.toString());
    }

    @Test
    void refusesZeroGeneralisationRepetitions() {
        ConditionResponses responses = Design.responses(2, VIEWS, TRIALS, (o, v, r) -> r.nextGaussian(),
                new SplittableRandom(9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decoder.generalisation(responses, objects(), views(), 0, new SplittableRandom(9)));
        assertTrue(e.getMessage().contains("repetitions"), e.getMessage());
    }

    @Test
    void refusesMoreThanTwoObjects() {
        ConditionResponses responses = Design.responses(3, 2, TRIALS, (o, v, r) -> r.nextGaussian(),
                new SplittableRandom(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decoder.separability(
                responses, new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 1, 0, 1, 0, 1}, new SplittableRandom(5)));
        assertTrue(e.getMessage().contains("objectOfCondition"), e.getMessage());
    }

    @Test
    void refusesAnObjectWithFewerTrialsThanFolds() {
        ConditionResponses responses = new ConditionResponses(new double[][] {{1, 2, 3}, {4, 5, 6, 7, 8, 9}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decoder.separability(
                responses, new int[] {0, 1}, new int[] {0, 0}, new SplittableRandom(6)));
        assertTrue(e.getMessage().contains("folds"), e.getMessage());
    }
}
