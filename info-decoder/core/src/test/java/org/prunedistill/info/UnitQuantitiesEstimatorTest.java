package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitQuantitiesEstimatorTest {

    private static final int OBJECTS = 4;
    private static final int VIEWS = 23;
    private static final int TRIALS = 10;
    /** f_high of a unit driven by one factor stays within this of 0 or 1 (92 conditions x 10 trials). */
    private static final double FRACTION_TOLERANCE = 0.1;

    private final UnitQuantitiesEstimator estimator = UnitQuantitiesEstimator.withDefaults();

    /** Luminance follows the view, contrast follows the object; luminance ratios of every pair are 1. */
    private static ConditionFeatures features() {
        return Design.features(OBJECTS, VIEWS, (o, v) -> 300 + 20 * v, (o, v) -> 100 + 50 * o);
    }

    @Test
    void separatesALuminanceUnitFromAnObjectUnitAndGathersThemPerSource() {
        SplittableRandom rng = new SplittableRandom(1);
        UnitQuantities luminanceUnit = estimator.estimate(
                Design.responses(OBJECTS, VIEWS, TRIALS, (o, v, r) -> v + 0.3 * r.nextGaussian(), rng), features());
        UnitQuantities objectUnit = estimator.estimate(
                Design.responses(OBJECTS, VIEWS, TRIALS, (o, v, r) -> o + 0.3 * r.nextGaussian(), rng), features());

        assertEquals(0.0, luminanceUnit.luminance().highLevelFraction(), FRACTION_TOLERANCE);
        assertEquals(1.0, objectUnit.luminance().highLevelFraction(), FRACTION_TOLERANCE);
        assertEquals(0.0, objectUnit.contrast().highLevelFraction(), FRACTION_TOLERANCE, "contrast tracks objects");
        assertEquals(OBJECTS * (OBJECTS - 1) / 2, objectUnit.invariant().keptPairs());
        assertTrue(objectUnit.invariant().invariantFraction() > luminanceUnit.invariant().invariantFraction());
        // Luminance follows the view alike for every object: what the luminance unit knows holds within object.
        WithinObjectInformation withinObject = luminanceUnit.luminanceWithinObject();
        assertEquals(luminanceUnit.luminance().feature(), withinObject.feature());
        assertEquals(withinObject.feature().panzeriTrevesBits(), withinObject.withinObject().panzeriTrevesBits(),
                FRACTION_TOLERANCE, withinObject.toString());

        List<UnitQuantities> units = new ArrayList<>(List.of(luminanceUnit, objectUnit));
        SourceQuantities source = UnitQuantitiesEstimator.sourceQuantities(units);
        assertEquals(luminanceUnit.luminance().feature().panzeriTrevesBits(), source.luminanceBits()[0]);
        assertEquals(objectUnit.luminance().highLevelFraction(), source.highLevelFraction()[1]);
        assertEquals(objectUnit.invariant().invariantFraction(), source.invariantFraction()[1]);
        assertEquals(withinObject.withinObject().panzeriTrevesBits(), source.luminanceWithinObjectBits()[0]);
    }
}
