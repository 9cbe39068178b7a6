package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureDecompositionTest {

    private static final int OBJECTS = 10;
    private static final int VIEWS = 23;
    private static final int TRIALS = 20;
    private static final double EXACT = 1e-12;
    /** f_high of a unit driven by one factor stays within this of 0 or 1 at 230 conditions x 20 trials. */
    private static final double FRACTION_TOLERANCE = 0.05;

    private final FeatureDecomposition decomposition = FeatureDecomposition.withDefaults();

    /** Luminance rises with the view and is the same for every object: 23 levels, one per view. */
    private static ConditionFeatures luminanceByView() {
        return Design.features(OBJECTS, VIEWS, (o, v) -> 300 + 30 * v, (o, v) -> 100 + o);
    }

    @Test
    void decomposesPluginInformationExactlyIntoLuminanceAndTheRest() {
        SplittableRandom rng = new SplittableRandom(1);
        ConditionResponses responses = Design.responses(OBJECTS, VIEWS, TRIALS,
                (o, v, r) -> 0.3 * o + 0.2 * v + r.nextGaussian(), rng);
        double[] luminance = new double[OBJECTS * VIEWS];
        for (int c = 0; c < luminance.length; c++) {
            luminance[c] = rng.nextDouble();
        }
        FeatureInformation info = decomposition.decompose(responses, luminance);

        assertEquals(info.stimulus().pluginBits(), info.feature().pluginBits() + info.residual().pluginBits(),
                EXACT);
        assertEquals(info.stimulus().panzeriTrevesBits(),
                info.feature().panzeriTrevesBits() + info.residual().panzeriTrevesBits(), EXACT);
        assertEquals(conditionalPluginBits(responses, luminance), info.residual().pluginBits(), EXACT);
    }

    @Test
    void givesAHighLevelFractionNearZeroForAUnitThatRespondsOnlyToLuminance() {
        ConditionResponses responses = Design.responses(OBJECTS, VIEWS, TRIALS,
                (o, v, r) -> v + 0.3 * r.nextGaussian(), new SplittableRandom(2));
        FeatureInformation info = decomposition.luminance(responses, luminanceByView());

        assertTrue(info.stimulus().panzeriTrevesBits() > 1.0, info.toString());
        assertEquals(0.0, info.highLevelFraction(), FRACTION_TOLERANCE, info.toString());
    }

    @Test
    void givesAHighLevelFractionNearOneForAUnitThatRespondsOnlyToTheObject() {
        ConditionResponses responses = Design.responses(OBJECTS, VIEWS, TRIALS,
                (o, v, r) -> o + 0.3 * r.nextGaussian(), new SplittableRandom(3));
        FeatureInformation info = decomposition.luminance(responses, luminanceByView());

        assertTrue(info.stimulus().panzeriTrevesBits() > 1.0, info.toString());
        assertEquals(1.0, info.highLevelFraction(), FRACTION_TOLERANCE, info.toString());
    }

    @Test
    void givesAHighLevelFractionOfExactlyOneAtConstantLuminance() {
        ConditionResponses responses = Design.responses(OBJECTS, VIEWS, TRIALS,
                (o, v, r) -> o + v + r.nextGaussian(), new SplittableRandom(4));
        ConditionFeatures features = Design.features(OBJECTS, VIEWS, (o, v) -> 500, (o, v) -> 100);
        FeatureInformation info = decomposition.luminance(responses, features);

        assertEquals(0.0, info.feature().pluginBits(), EXACT);
        assertEquals(1.0, info.highLevelFraction(), EXACT);
    }

    @Test
    void decomposesContrastTheSameWay() {
        ConditionResponses responses = Design.responses(OBJECTS, VIEWS, TRIALS,
                (o, v, r) -> o + 0.3 * r.nextGaussian(), new SplittableRandom(5));
        FeatureInformation info = decomposition.contrast(responses, luminanceByView());

        assertTrue(info.feature().panzeriTrevesBits() > 1.0, "contrast tracks the object here: " + info);
        assertEquals(0.0, info.highLevelFraction(), FRACTION_TOLERANCE, info.toString());
    }

    @Test
    void leavesTheHighLevelFractionUndefinedWithoutStimulusInformation() {
        ConditionResponses silent = Design.responses(OBJECTS, VIEWS, TRIALS, (o, v, r) -> 0.0,
                new SplittableRandom(6));
        FeatureInformation info = decomposition.luminance(silent, luminanceByView());

        assertEquals(0.0, info.stimulus().panzeriTrevesBits(), EXACT);
        assertTrue(Double.isNaN(info.highLevelFraction()));
        assertFalse(info.highLevelFractionDefined());
    }

    @Test
    void refusesFewerConditionsThanFeatureBins() {
        ConditionResponses responses = Design.responses(2, 5, TRIALS, (o, v, r) -> r.nextGaussian(),
                new SplittableRandom(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decomposition.decompose(responses, new double[10]));
        assertTrue(e.getMessage().contains("featureBins"), e.getMessage());
    }

    @Test
    void refusesAFeatureOfTheWrongLength() {
        ConditionResponses responses = Design.responses(2, 5, TRIALS, (o, v, r) -> r.nextGaussian(),
                new SplittableRandom(8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decomposition.withFeatureBins(2).decompose(responses, new double[9]));
        assertTrue(e.getMessage().contains("featureOfCondition"), e.getMessage());
    }

    @Test
    void givesTheSameValuesWithLevelsCutOnceForManyUnits() {
        ConditionFeatures features = Design.features(OBJECTS, VIEWS, (o, v) -> 300 + 30 * v + 7 * o,
                (o, v) -> 100 + o);
        FeatureLevels levels = decomposition.levels(features.luminance(), features.objects());
        SplittableRandom rng = new SplittableRandom(12);
        for (int unit = 0; unit < 5; unit++) {
            // One trial per condition (the CNN design) and several, each against the unprepared call.
            int trials = unit % 2 == 0 ? 1 : 4;
            ConditionResponses responses = Design.responses(OBJECTS, VIEWS, trials,
                    (o, v, r) -> Math.max(0.0, v * 0.1 + o * 0.3 + r.nextGaussian()), rng);
            assertEquals(decomposition.luminance(responses, features),
                    decomposition.decomposeByLevel(responses, levels), "unit " + unit);
            assertEquals(decomposition.luminanceWithinObject(responses, features),
                    decomposition.withinObjectByLevel(responses, levels), "unit " + unit);
        }
    }

    @Test
    void refusesLevelsThatDoNotFitTheCall() {
        ConditionFeatures features = luminanceByView();
        ConditionResponses responses = Design.responses(OBJECTS, VIEWS, 2, (o, v, r) -> r.nextGaussian(),
                new SplittableRandom(13));
        FeatureLevels withoutObjects = decomposition.levels(features.luminance());
        IllegalArgumentException noObjects = assertThrows(IllegalArgumentException.class,
                () -> decomposition.withinObjectByLevel(responses, withoutObjects));
        assertTrue(noObjects.getMessage().contains("objects"), noObjects.getMessage());
        IllegalArgumentException otherBins = assertThrows(IllegalArgumentException.class,
                () -> decomposition.withFeatureBins(5).decomposeByLevel(responses, withoutObjects));
        assertTrue(otherBins.getMessage().contains("23 feature bins"), otherBins.getMessage());
        ConditionResponses fewer = Design.responses(OBJECTS - 1, VIEWS, 2, (o, v, r) -> r.nextGaussian(),
                new SplittableRandom(14));
        IllegalArgumentException otherConditions = assertThrows(IllegalArgumentException.class,
                () -> decomposition.decomposeByLevel(fewer, withoutObjects));
        assertTrue(otherConditions.getMessage().contains("230 values for 207 conditions"),
                otherConditions.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> decomposition.levels(features.luminance(), new int[OBJECTS * VIEWS - 1]));
        assertTrue(negative.getMessage().contains("objectOfCondition holds 229 values"), negative.getMessage());
    }

    /** sum_l P(l) I(R;S|L=l) from scratch: equipopulated labels, per-level plug-in over the level's trials. */
    private static double conditionalPluginBits(ConditionResponses responses, double[] feature) {
        int[] level = EquipopulatedBinning.labels(feature, FeatureDecomposition.DEFAULT_FEATURE_BINS);
        int[] labels = EquipopulatedBinning.labels(responses.flatValues(), 3);
        int[] condition = responses.conditionOfTrial();
        double total = 0.0;
        for (int l = 0; l < FeatureDecomposition.DEFAULT_FEATURE_BINS; l++) {
            double[][] joint = new double[feature.length][3];
            int n = 0;
            for (int t = 0; t < labels.length; t++) {
                if (level[condition[t]] == l) {
                    joint[condition[t]][labels[t]]++;
                    n++;
                }
            }
            total += n == 0 ? 0.0 : n * mutualInformation(joint, n);
        }
        return total / labels.length;
    }

    private static double mutualInformation(double[][] joint, int n) {
        double[] rows = new double[joint.length];
        double[] columns = new double[3];
        for (int s = 0; s < joint.length; s++) {
            for (int r = 0; r < 3; r++) {
                rows[s] += joint[s][r];
                columns[r] += joint[s][r];
            }
        }
        double bits = 0.0;
        for (int s = 0; s < joint.length; s++) {
            for (int r = 0; r < 3; r++) {
                if (joint[s][r] > 0) {
                    double p = joint[s][r] / n;
                    bits += p * Math.log(p / (rows[s] / n * columns[r] / n)) / Math.log(2);
                }
            }
        }
        return bits;
    }
}
