package org.prunedistill.info.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.info.ConditionResponses;
import org.prunedistill.info.FeatureDecomposition;
import org.prunedistill.info.InvariantObjectInformation;
import org.prunedistill.info.analysis.domain.ReceptiveFields;
import org.prunedistill.info.analysis.domain.ViewSelection;

class PositionViewsTest {

    private static final int OBJECTS = 4;
    private static final int VIEWS = 23;
    private static final int POSITIONS = 6;

    @Test
    void keepsSharesWithinItsBudgetAndGivesTheSameValuesBeyondIt() {
        List<StimulusCondition> conditions = conditions();
        int[] objectOfCondition = conditions.stream().mapToInt(StimulusCondition::object).toArray();
        ReceptiveFields fields = fields(conditions.size());
        ViewSelection views = ViewSelection.of(conditions);
        FeatureDecomposition decomposition = FeatureDecomposition.withDefaults();
        UnitInclusionRule inclusion = new UnitInclusionRule(0.1, 0.05);
        PositionViews ample = new PositionViews(objectOfCondition, fields, views, decomposition, inclusion,
                Long.MAX_VALUE);
        PositionViews none = new PositionViews(objectOfCondition, fields, views, decomposition, inclusion, 0);
        long oneShare = ample.of(0).approximateBytes();
        PositionViews two = new PositionViews(objectOfCondition, fields, views, decomposition, inclusion,
                2 * oneShare);
        InvariantObjectInformation invariance = InvariantObjectInformation.withDefaults();
        SplittableRandom random = new SplittableRandom(5);
        // Three channels of every position, as a layer's units come.
        for (int unit = 0; unit < 3 * POSITIONS; unit++) {
            double[] values = random.doubles(conditions.size(), 0, 1).toArray();
            for (PositionViews other : List.of(none, two)) {
                PositionViews.View expected = ample.of(unit);
                PositionViews.View view = other.of(unit);
                assertArrayEquals(expected.selected(), view.selected(), "unit " + unit);
                assertEquals(expected.maxCoverage(), view.maxCoverage(), "unit " + unit);
                ConditionResponses responses = ConditionResponses.ofSelectedConditions(values, 1, view.selected());
                assertEquals(decomposition.decomposeByLevel(responses, expected.luminanceLevels()),
                        decomposition.decomposeByLevel(responses, view.luminanceLevels()), "unit " + unit);
                assertEquals(decomposition.withinObjectByLevel(responses, expected.luminanceLevels()),
                        decomposition.withinObjectByLevel(responses, view.luminanceLevels()), "unit " + unit);
                assertEquals(invariance.estimate(responses, expected.objects()),
                        invariance.estimate(responses, view.objects()), "unit " + unit);
            }
        }
        assertEquals(POSITIONS, ample.keptPositions());
        assertEquals(0, none.keptPositions());
        assertEquals(2, two.keptPositions());
        assertTrue(oneShare > (long) conditions.size() * PositionViews.View.BYTES_PER_VIEW, "counts every view");
    }

    /** Each position sees other luminance and contrast in each condition, and the object covers it by turns. */
    private static ReceptiveFields fields(int conditions) {
        float[][] luminance = new float[POSITIONS][conditions];
        float[][] contrast = new float[POSITIONS][conditions];
        float[][] coverage = new float[POSITIONS][conditions];
        double[] azimuth = new double[POSITIONS];
        SplittableRandom random = new SplittableRandom(3);
        for (int p = 0; p < POSITIONS; p++) {
            azimuth[p] = p < POSITIONS / 2 ? -15 : 15;
            for (int c = 0; c < conditions; c++) {
                luminance[p][c] = (float) random.nextDouble(10, 90);
                contrast[p][c] = (float) random.nextDouble(10, 90);
                coverage[p][c] = (float) random.nextDouble();
            }
        }
        return new ReceptiveFields(POSITIONS, luminance, contrast, azimuth, "input-window", coverage);
    }

    private static List<StimulusCondition> conditions() {
        List<StimulusCondition> conditions = new ArrayList<>();
        for (int c = 0; c < OBJECTS * VIEWS; c++) {
            conditions.add(new StimulusCondition(c, c / VIEWS, "object-" + c / VIEWS, "size", c % VIEWS,
                    10 + c % VIEWS, 20 + c % 7, Double.NaN));
        }
        return conditions;
    }
}
