package org.prunedistill.verdicts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prunedistill.verdicts.Sources.layer;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trend statistic on hand-made positions: thirds, propagated errors, the 2-SE rule and the rank correlation. */
class HierarchyTrendTest {

    private static final double EXACT = 1e-12;
    private static final double SE = 0.01;

    @Test
    void aPlantedFallAlongDepthWithSmallErrorsIsAFallBeyondTwoStandardErrors() {
        // Six positions, thirds of two: first mean (0.60 + 0.55) / 2 = 0.575, last (0.15 + 0.10) / 2 = 0.125; each
        // third's error sqrt(2 x 0.01^2) / 2 = 0.00707, the difference's hypot of the two = 0.01.
        HierarchyTrend trend = trend(new double[] {0.60, 0.55, 0.40, 0.30, 0.15, 0.10}, SE, Claim.DECREASE);

        assertEquals(2, trend.first().count());
        assertEquals(0.575, trend.first().mean(), EXACT);
        assertEquals(0.125, trend.last().mean(), EXACT);
        assertEquals(Math.sqrt(2) * SE / 2, trend.first().error(), EXACT);
        assertEquals(-0.45, trend.difference(), EXACT);
        assertEquals(0.01, trend.error(), EXACT);
        assertTrue(trend.significant());
        assertEquals(Verdict.YES, trend.verdict());
        assertEquals("", trend.reason());
        assertEquals(-1.0, trend.rankCorrelation(), EXACT, "strictly falling with depth");
    }

    @Test
    void aFlatProfileIsNoTrend() {
        // first (0.30 + 0.31) / 2 = 0.305, last (0.31 + 0.29) / 2 = 0.30: -0.005 is within 2 x 0.01.
        HierarchyTrend trend = trend(new double[] {0.30, 0.31, 0.29, 0.30, 0.31, 0.29}, SE, Claim.DECREASE);

        assertEquals(-0.005, trend.difference(), EXACT);
        assertEquals(Verdict.NO, trend.verdict());
        // Value ranks with ties 3.5 5.5 1.5 3.5 5.5 1.5 against depth ranks 1..6: covariance -4, variances 17.5, 16.
        assertEquals(-4 / Math.sqrt(17.5 * 16), trend.rankCorrelation(), EXACT);
    }

    @Test
    void aRiseAgainstAClaimedFallIsOpposite() {
        HierarchyTrend trend = trend(new double[] {0.10, 0.15, 0.30, 0.40, 0.55, 0.60}, SE, Claim.DECREASE);

        assertEquals(0.45, trend.difference(), EXACT);
        assertEquals(Verdict.OPPOSITE, trend.verdict());
        assertEquals(1.0, trend.rankCorrelation(), EXACT);
        assertEquals(Verdict.YES, trend(new double[] {0.10, 0.15, 0.30, 0.40, 0.55, 0.60}, SE, null).verdict(),
                "with no claimed direction the question is whether the thirds differ");
    }

    @Test
    void twoPositionsCompareTheFirstWithTheLastAndSevenUseThirdsOfTwo() {
        HierarchyTrend two = trend(new double[] {0.5, 0.2}, 0.03, Claim.DECREASE);
        assertEquals(1, two.first().count());
        assertEquals(-0.3, two.difference(), EXACT);
        assertEquals(Math.hypot(0.03, 0.03), two.error(), EXACT);

        HierarchyTrend seven = trend(new double[] {1, 2, 3, 4, 5, 6, 7}, SE, Claim.INCREASE);
        assertEquals(2, seven.first().count(), "floor(7 / 3)");
        assertEquals(1.5, seven.first().mean(), EXACT);
        assertEquals(6.5, seven.last().mean(), EXACT);
        assertEquals(Verdict.YES, seven.verdict());
    }

    @Test
    void tooFewPositionsWithAValueAreNotEvaluatedAndSayWhy() {
        HierarchyTrend one = trend(new double[] {0.4, Double.NaN}, SE, Claim.DECREASE);

        assertEquals(Verdict.NOT_EVALUATED, one.verdict());
        assertEquals("1 position with a value; a trend needs at least 2", one.reason());
        assertEquals(1, one.positions().size(), "the position without a value is left out");
        assertTrue(Double.isNaN(one.difference()));
    }

    @Test
    void aMedianWithoutAnErrorBarInAThirdLeavesTheTrendNotEvaluatedButOneInTheMiddleDoesNot() {
        List<TrendPosition> positions = new ArrayList<>(positions(new double[] {0.6, 0.5, 0.4, 0.3, 0.2, 0.1}, SE));
        positions.set(1, new TrendPosition(positions.get(1).source(), 0.5, Double.NaN));
        HierarchyTrend bare = HierarchyTrend.along("builtin-cnn-small", "trained", true, positions, Claim.DECREASE);
        assertEquals(Verdict.NOT_EVALUATED, bare.verdict());
        assertEquals("no error bar at l1", bare.reason());
        assertEquals(0.15 - 0.55, bare.difference(), EXACT, "the difference is still given");

        positions.set(1, new TrendPosition(positions.get(1).source(), 0.5, SE));
        positions.set(2, new TrendPosition(positions.get(2).source(), 0.4, Double.NaN));
        assertEquals(Verdict.YES, HierarchyTrend.along("builtin-cnn-small", "trained", true, positions, Claim.DECREASE)
                .verdict(), "l2 is in neither third");
    }

    @Test
    void theInteractionOfAFlatUntrainedAndAFallingTrainedTrendIsASteeperFall() {
        HierarchyTrend untrained = HierarchyTrend.along("builtin-cnn-small", "untrained", true,
                positions(new double[] {0.3, 0.3, 0.3}, SE), Claim.DECREASE);
        HierarchyTrend trained = trend(new double[] {0.3, 0.2, 0.1}, SE, Claim.DECREASE);
        TrendInteraction interaction = TrendInteraction.between(untrained, trained, Claim.DECREASE);

        // Trends 0 +- 0.0141 and -0.2 +- 0.0141: difference -0.2 +- 0.02.
        assertEquals(-0.2, interaction.difference(), EXACT);
        assertEquals(0.02, interaction.error(), EXACT);
        assertEquals(Verdict.YES, interaction.verdict());
        assertEquals(Verdict.OPPOSITE, TrendInteraction.between(trained, untrained, Claim.DECREASE).verdict(),
                "a flatter trend at the later checkpoint goes against the claim");
    }

    private static HierarchyTrend trend(double[] values, double error, Claim claim) {
        return HierarchyTrend.along("builtin-cnn-small", "trained", true, positions(values, error), claim);
    }

    /** Layers l0, l1, ... at depth i / (n - 1). */
    private static List<TrendPosition> positions(double[] values, double error) {
        List<TrendPosition> positions = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Source source = layer("l" + i, i + 1, "trained");
            positions.add(new TrendPosition(new Source(source.key(), true, source.origin(), source.name(),
                    source.checkpoint(), source.order(), values.length == 1 ? 0 : i / (values.length - 1.0)), values[i],
                    error));
        }
        return positions;
    }
}
