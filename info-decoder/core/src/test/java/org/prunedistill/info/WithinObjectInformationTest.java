package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FeatureDecomposition#withinObject}: the luminance information within object, I(R;L|O). */
class WithinObjectInformationTest {

    private static final int OBJECTS = 4;
    private static final int VIEWS = 23;
    private static final int TRIALS = 20;
    private static final double EXACT = 1e-12;
    /**
     * I_PT(R;L|O) of a unit that does not code luminance within object stays within this of 0: each object term has
     * 460 trials over about 6 luminance levels x 3 response bins, plug-in bias about 0.016 bits and its spread about
     * 0.007 bits, which PT removes up to a few hundredths.
     */
    private static final double INDEPENDENCE_TOLERANCE = 0.03;

    private final FeatureDecomposition decomposition = FeatureDecomposition.withDefaults();

    /**
     * Two objects (ids 3 and 7) x two views, responses already labels (2 bins), 2 feature bins. Luminance 0.1, 0.9
     * (object 3) and 0.2, 0.8 (object 7): the equipopulated edge is the 2nd smallest value 0.2, so each object has
     * one view in the low and one in the high level.
     * <pre>
     * object 3, low: {0,0}   object 3, high: {1,1}   -> I(R;L|O=3) = 1 bit (the level decides the response)
     * object 7, low: {0,1}   object 7, high: {0,1}   -> I(R;L|O=7) = 0
     * </pre>
     * I(R;L|O) = 1/2 * 1 + 1/2 * 0 = 0.5 bit. I(R;L): low {0,0,0,1}, high {1,1,0,1}, P(R=1) = 1/2, so
     * I = 1 - H2(1/4) = 0.1887 bit. I(R;O): each object has two 0s and two 1s, so 0.
     */
    @Test
    void givesHandComputedPluginValuesOnATinyTable() {
        ConditionResponses responses = new ConditionResponses(new double[][] {{0, 0}, {1, 1}, {0, 1}, {0, 1}});
        WithinObjectInformation info = FeatureDecomposition.withDefaults().withBinning(Binning.NONE)
                .withResponseBins(2).withFeatureBins(2)
                .withinObject(responses, new int[] {3, 3, 7, 7}, new double[] {0.1, 0.9, 0.2, 0.8});

        double h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.log(2.0);
        assertEquals(0.5, info.withinObject().pluginBits(), EXACT);
        assertEquals(1.0 - h, info.feature().pluginBits(), EXACT);
        assertEquals(0.0, info.object().pluginBits(), EXACT);
        assertEquals(2, info.objects());
        assertEquals(2.0, info.meanLevelsPerObject(), EXACT);
    }

    @Test
    void isNearZeroWithinObjectForAUnitThatCodesOnlyTheObjectWhoseLuminanceDiffers() {
        // Objects sit in separate luminance ranges, so luminance levels name the object.
        ConditionFeatures features = Design.features(OBJECTS, VIEWS, (o, v) -> 100 + 200 * o + 5 * v, (o, v) -> 100);
        ConditionResponses responses = Design.responses(OBJECTS, VIEWS, TRIALS,
                (o, v, r) -> o + 0.3 * r.nextGaussian(), new SplittableRandom(11));
        WithinObjectInformation info = decomposition.luminanceWithinObject(responses, features);

        assertTrue(info.feature().panzeriTrevesBits() > 1.0, "I(R;L) is object identity here: " + info);
        assertTrue(info.withinObject().pluginBits() > 0.0, "plug-in keeps its positive bias: " + info);
        assertEquals(0.0, info.withinObject().panzeriTrevesBits(), INDEPENDENCE_TOLERANCE, info.toString());
        assertTrue(info.meanLevelsPerObject() >= 5, "luminance varies within each object: " + info);
    }

    @Test
    void keepsTheLuminanceInformationOfAUnitThatCodesLuminanceWithinEachObject() {
        // Every object shows all 23 luminance values, in a different order of views.
        ConditionFeatures features = Design.features(OBJECTS, VIEWS, (o, v) -> 300 + 20 * ((v + 7 * o) % VIEWS),
                (o, v) -> 100);
        ConditionResponses responses = Design.responses(OBJECTS, VIEWS, TRIALS,
                (o, v, r) -> (v + 7 * o) % VIEWS + 0.3 * r.nextGaussian(), new SplittableRandom(12));
        WithinObjectInformation info = decomposition.luminanceWithinObject(responses, features);

        assertTrue(info.withinObject().panzeriTrevesBits() > 1.0, info.toString());
        assertEquals(info.feature().panzeriTrevesBits(), info.withinObject().panzeriTrevesBits(),
                INDEPENDENCE_TOLERANCE, info.toString());
        assertEquals(0.0, info.object().panzeriTrevesBits(), INDEPENDENCE_TOLERANCE, info.toString());
    }

    @Test
    void isExactlyZeroWhenLuminanceIsConstantWithinEachObject() {
        ConditionFeatures features = Design.features(OBJECTS, VIEWS, (o, v) -> 100 + 200 * o, (o, v) -> 100);
        ConditionResponses responses = Design.responses(OBJECTS, VIEWS, TRIALS,
                (o, v, r) -> o + v + r.nextGaussian(), new SplittableRandom(13));
        WithinObjectInformation info = decomposition.withFeatureBins(4).luminanceWithinObject(responses, features);

        assertEquals(1.0, info.meanLevelsPerObject(), EXACT);
        assertEquals(0.0, info.withinObject().pluginBits(), EXACT);
        assertEquals(0.0, info.withinObject().panzeriTrevesBits(), EXACT);
    }

    /**
     * I(R;O) + I(R;L|O) = I(R;L,O), plug-in and Panzeri-Treves, with the joint computed from scratch through the
     * public estimators on (object, luminance level) labels; I(R;L) is the decomposition's.
     */
    @Test
    void addsUpWithTheObjectInformationToTheJointInformation() {
        SplittableRandom rng = new SplittableRandom(14);
        ConditionResponses responses = Design.responses(OBJECTS, VIEWS, TRIALS,
                (o, v, r) -> 0.4 * o + 0.1 * v + r.nextGaussian(), rng);
        double[] luminance = new double[OBJECTS * VIEWS];
        int[] objects = new int[OBJECTS * VIEWS];
        for (int c = 0; c < luminance.length; c++) {
            objects[c] = c / VIEWS;
            luminance[c] = 0.2 * objects[c] + rng.nextDouble();
        }
        WithinObjectInformation info = decomposition.withinObject(responses, objects, luminance);

        int[] level = EquipopulatedBinning.labels(luminance, FeatureDecomposition.DEFAULT_FEATURE_BINS);
        int[] condition = responses.conditionOfTrial();
        int[] joint = new int[condition.length];
        for (int t = 0; t < joint.length; t++) {
            joint[t] = objects[condition[t]] * FeatureDecomposition.DEFAULT_FEATURE_BINS + level[condition[t]];
        }
        DiscreteResponses pairs = new DiscreteResponses(EquipopulatedBinning.labels(responses.flatValues(), 3), joint,
                3, OBJECTS * FeatureDecomposition.DEFAULT_FEATURE_BINS);
        assertEquals(PluginInformation.bits(pairs), info.object().pluginBits() + info.withinObject().pluginBits(),
                EXACT);
        assertEquals(PanzeriTrevesCorrection.bayesian().correctedBits(pairs),
                info.object().panzeriTrevesBits() + info.withinObject().panzeriTrevesBits(), EXACT);
        assertEquals(decomposition.decompose(responses, luminance).feature(), info.feature());
    }

    @Test
    void refusesObjectsThatDoNotMatchTheConditions() {
        ConditionResponses responses = Design.responses(2, 5, TRIALS, (o, v, r) -> r.nextGaussian(),
                new SplittableRandom(15));
        FeatureDecomposition coarse = decomposition.withFeatureBins(2);
        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                () -> coarse.withinObject(responses, new int[9], new double[10]));
        assertTrue(shorter.getMessage().contains("objectOfCondition"), shorter.getMessage());
        int[] negative = new int[10];
        negative[4] = -1;
        IllegalArgumentException below = assertThrows(IllegalArgumentException.class,
                () -> coarse.withinObject(responses, negative, new double[10]));
        assertTrue(below.getMessage().contains("objectOfCondition[4]"), below.getMessage());
    }
}
