package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InvariantObjectInformationTest {

    private static final int VIEWS = 23;
    private static final int TRIALS = 20;
    private static final double EXACT = 1e-12;
    /** PT-corrected information of 920 trials stays within this of its true value in these designs. */
    private static final double BITS_TOLERANCE = 0.03;

    private final InvariantObjectInformation invariant = InvariantObjectInformation.withDefaults();

    private static ConditionFeatures equalLuminance(int objects) {
        return Design.features(objects, VIEWS, (o, v) -> 400 + 10 * v, (o, v) -> 100);
    }

    @Test
    void givesOneBitForAUnitThatSeparatesTwoObjectsAcrossEveryView() {
        // Silent for object 0 at every view, active for object 1 at every view.
        ConditionResponses responses = Design.responses(2, VIEWS, TRIALS,
                (o, v, r) -> o == 0 ? 0.0 : 1.0 + r.nextDouble(), new SplittableRandom(1));
        InvariantInformation info = invariant.estimate(responses, equalLuminance(2));

        assertEquals(1, info.keptPairs());
        assertEquals(1.0, info.pairs().get(0).object().pluginBits(), EXACT);
        assertEquals(1.0, info.objectBits(), BITS_TOLERANCE);
        assertEquals(1.0, info.invariantFraction(), BITS_TOLERANCE, "all its information is about the object");
    }

    @Test
    void givesNoObjectInformationForAUnitTiedToSomeViews() {
        ConditionResponses responses = Design.responses(2, VIEWS, TRIALS,
                (o, v, r) -> (v < 8 ? 5.0 : 0.0) + r.nextGaussian(), new SplittableRandom(2));
        InvariantInformation info = invariant.estimate(responses, equalLuminance(2));

        assertEquals(0.0, info.objectBits(), BITS_TOLERANCE);
        assertTrue(info.stimulusBits() > 0.5, info.toString());
        assertEquals(0.0, info.invariantFraction(), BITS_TOLERANCE / info.stimulusBits());
    }

    @Test
    void keepsOnlyPairsWhoseLuminanceRatioExceedsTheThreshold() {
        int[] milliLuminance = {1000, 950, 850, 500, 900};
        ConditionResponses responses = Design.responses(5, VIEWS, TRIALS, (o, v, r) -> o + r.nextGaussian(),
                new SplittableRandom(3));
        ConditionFeatures features = Design.features(5, VIEWS, (o, v) -> milliLuminance[o], (o, v) -> 100);
        InvariantInformation info = invariant.estimate(responses, features);

        List<PairInformation> pairs = info.pairs();
        assertEquals(10, pairs.size());
        for (PairInformation pair : pairs) {
            double expected = Math.min(milliLuminance[pair.objectA()], milliLuminance[pair.objectB()])
                    / (double) Math.max(milliLuminance[pair.objectA()], milliLuminance[pair.objectB()]);
            assertEquals(expected, pair.luminanceRatio(), EXACT);
            assertEquals(expected > 0.9, pair.kept(), pair.toString());
            assertEquals(pair.kept(), !Double.isNaN(pair.object().pluginBits()), pair.toString());
        }
        // Kept: (0,1) 0.95, (1,4) 0.947, (2,4) 0.944; dropped among others (0,4) at exactly 0.9.
        assertEquals(3, info.keptPairs());
        double mean = pairs.stream().filter(PairInformation::kept)
                .mapToDouble(p -> p.object().panzeriTrevesBits()).average().orElseThrow();
        assertEquals(mean, info.objectBits(), EXACT);
    }

    @Test
    void reportsNothingWhenNoPairPassesTheThreshold() {
        ConditionResponses responses = Design.responses(2, VIEWS, TRIALS, (o, v, r) -> r.nextGaussian(),
                new SplittableRandom(4));
        ConditionFeatures features = Design.features(2, VIEWS, (o, v) -> o == 0 ? 1000 : 100, (o, v) -> 100);
        InvariantInformation info = invariant.estimate(responses, features);

        assertEquals(0, info.keptPairs());
        assertFalse(info.pairs().get(0).kept());
        assertTrue(Double.isNaN(info.objectBits()) && Double.isNaN(info.invariantFraction()));
    }

    @Test
    void givesTheSameValuesWithTheObjectsGroupedOnceForManyUnits() {
        int[] milliLuminance = {1000, 950, 930, 600, 990};
        ConditionFeatures features = Design.features(5, VIEWS, (o, v) -> milliLuminance[o] + v, (o, v) -> 100);
        ObjectGroups groups = ObjectGroups.of(features);
        InvariantObjectInformation estimator = InvariantObjectInformation.withDefaults();
        SplittableRandom rng = new SplittableRandom(41);
        for (int unit = 0; unit < 4; unit++) {
            // One trial per condition (the CNN design) and several, each against grouping for the call alone.
            int trials = unit % 2 == 0 ? 1 : 5;
            ConditionResponses responses = Design.responses(5, VIEWS, trials,
                    (o, v, r) -> Math.max(0.0, 0.3 * o + r.nextGaussian()), rng);
            assertEquals(estimator.estimate(responses, features), estimator.estimate(responses, groups),
                    "unit " + unit);
        }
        ConditionResponses fewer = Design.responses(4, VIEWS, 1, (o, v, r) -> r.nextGaussian(), rng);
        assertThrows(IllegalArgumentException.class, () -> estimator.estimate(fewer, groups));
    }

    @Test
    void refusesASingleObject() {
        ConditionResponses responses = Design.responses(1, VIEWS, TRIALS, (o, v, r) -> r.nextGaussian(),
                new SplittableRandom(5));
        assertThrows(IllegalArgumentException.class, () -> invariant.estimate(responses, equalLuminance(1)));
    }

    @Test
    void refusesAThresholdOutsideTheUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> invariant.withThreshold(1.5));
        assertTrue(e.getMessage().contains("threshold"), e.getMessage());
    }
}
