package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PruneDistillComparisonTest {

    private static final int UNITS = 300;
    private static final double SPREAD = 0.05;
    /** Margin used where a verdict must not follow from noise alone. */
    private static final double MARGIN = 3.0;

    private static double[] around(double centre, SplittableRandom rng) {
        double[] values = new double[UNITS];
        for (int i = 0; i < UNITS; i++) {
            values[i] = centre + SPREAD * rng.nextGaussian();
        }
        return values;
    }

    private static SourceQuantities source(double luminance, double contrast, double fHigh, double invariant,
            SplittableRandom rng) {
        return new SourceQuantities(around(luminance, rng), around(contrast, rng), around(fHigh, rng),
                around(invariant, rng));
    }

    @Test
    void judgesATrainedLayerPrunedAndDistilled() {
        SplittableRandom rng = new SplittableRandom(1);
        SourceQuantities untrained = source(0.6, 0.5, 0.3, 0.2, rng);
        SourceQuantities trained = source(0.2, 0.2, 0.7, 0.5, rng);
        PruneDistillVerdict verdict = PruneDistillComparison.withDefaults().withStandardErrors(MARGIN)
                .compare(untrained, trained, rng);

        assertEquals(-0.4, verdict.luminanceBits().change(), 0.05);
        assertTrue(verdict.luminanceBits().standardError() > 0);
        assertTrue(verdict.pruned() && verdict.distilled(), verdict.toString());
        assertTrue(verdict.definition().contains("3.0 bootstrap SE"), verdict.definition());
    }

    @Test
    void givesNoVerdictForTwoSamplesOfTheSameSourceBeyondAMargin() {
        SplittableRandom rng = new SplittableRandom(2);
        PruneDistillVerdict verdict = PruneDistillComparison.withDefaults().withStandardErrors(MARGIN)
                .compare(source(0.4, 0.4, 0.5, 0.3, rng), source(0.4, 0.4, 0.5, 0.3, rng), rng);

        assertFalse(verdict.luminancePruned() || verdict.contrastPruned(), verdict.toString());
        assertFalse(verdict.highLevelFractionIncreased() || verdict.invariantFractionIncreased(),
                verdict.toString());
    }

    @Test
    void leavesUndefinedFractionsOutAndGivesNoVerdictWithoutAnyDefinedValue() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] undefined = {Double.NaN, Double.NaN};
        SourceQuantities earlier = new SourceQuantities(around(0.5, rng), around(0.5, rng), around(0.3, rng),
                undefined);
        SourceQuantities later = new SourceQuantities(around(0.5, rng), around(0.5, rng), around(0.6, rng),
                undefined);
        PruneDistillVerdict verdict = PruneDistillComparison.withDefaults().compare(earlier, later, rng);

        assertTrue(verdict.highLevelFractionIncreased());
        assertTrue(Double.isNaN(verdict.invariantFraction().change()));
        assertEquals(2, verdict.invariantFraction().before().undefined());
        assertFalse(verdict.invariantFractionIncreased());
        assertFalse(verdict.distilled());
    }

    @Test
    void refusesANegativeMargin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruneDistillComparison.withDefaults().withStandardErrors(-1));
        assertTrue(e.getMessage().contains("standardErrors"), e.getMessage());
    }
}
