package org.prunedistill.info.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnitInclusionRuleTest {

    private static final UnitInclusionRule RULE = new UnitInclusionRule(0.10, 0.05);

    @Test
    void aUnitWithAKnownCoverageIsResponsiveWhenItVariesAndTheObjectCoversTenPercentSomewhere() {
        double[] varying = {0.0, 0.0, 2.0};
        assertTrue(RULE.responsive(varying, UnitInclusionRule.maxCoverage(new double[] {0, 0.10, 0.02})));
        assertFalse(RULE.responsive(varying, UnitInclusionRule.maxCoverage(new double[] {0, 0.09, 0.02})),
                "background only");
        assertFalse(RULE.responsive(new double[] {3.0, 3.0, 3.0}, 0.9), "constant over its conditions");
        assertTrue(RULE.responsive(new double[] {-2.0, -1.0, Double.NaN}, 0.5), "no baseline asked with coverage");
    }

    @Test
    void withoutCoverageAConditionMeanMustBeAboveZero() {
        assertTrue(Double.isNaN(UnitInclusionRule.maxCoverage(null)));
        assertTrue(RULE.responsive(new double[] {0.0, 0.1}, Double.NaN));
        assertFalse(RULE.responsive(new double[] {-0.5, 0.0}, Double.NaN), "never above the zero baseline");
        assertFalse(RULE.responsive(new double[] {0.4, 0.4}, Double.NaN), "constant");
    }

    @Test
    void informativeMeansSignificant() {
        assertTrue(RULE.informative(1.0 / 21));
        assertFalse(RULE.informative(0.05));
        assertFalse(RULE.informative(Double.NaN), "no test, not informative");
    }

    @Test
    void theContrastDecompositionKeepsCoveredViewsAndNeedsTwoPerObject() {
        int[] objects = {0, 0, 0, 1, 1, 1};
        boolean[] kept = RULE.coveredConditions(new double[] {0.5, 0.10, 0.0, 0.3, 0.2, 0.09}, 6);
        assertArrayEquals(new boolean[] {true, true, false, true, true, false}, kept);
        assertTrue(UnitInclusionRule.coversEveryObject(objects, kept));
        assertFalse(UnitInclusionRule.coversEveryObject(objects, new boolean[] {true, true, true, true, false,
                false}), "object 1 keeps one view");
        assertArrayEquals(new boolean[] {true, true}, RULE.coveredConditions(null, 2), "unknown coverage: all");
    }

    @Test
    void refusesThresholdsOutsideTheirRange() {
        assertEquals("pd.info.min-object-coverage must lie in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new UnitInclusionRule(1.5, 0.05)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UnitInclusionRule(0.1, 0));
    }
}
