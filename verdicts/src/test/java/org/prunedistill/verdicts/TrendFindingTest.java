package org.prunedistill.verdicts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prunedistill.verdicts.Sources.LUMINANCE;
import static org.prunedistill.verdicts.Sources.area;
import static org.prunedistill.verdicts.Sources.layer;
import static org.prunedistill.verdicts.Sources.median;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The questions along the hierarchy on planted runs: five layers (pixels, pool1, pool2, fc1, logits) at two
 * checkpoints, four areas. Every median +- 0.01, so a difference of two single positions has the error
 * hypot(0.01, 0.01) = 0.0141 and the difference of two such trends 0.02.
 */
class TrendFindingTest {

    private static final List<String> LAYERS = List.of("pixels", "pool1", "pool2", "fc1", "logits");
    private static final TrainingOrder ORDER = new TrainingOrder(Map.of("builtin-cnn-small",
            List.of("untrained", "trained")));
    private static final double SE = 0.01;
    private static final double EXACT = 1e-12;

    @Test
    void aFlatUntrainedTrendAndAFallingTrainedOneAnswerYesAlongTheHierarchyAndForTheInteraction() {
        // Untrained: I(R;L) = 0.3 in every layer. Trained: 0.3 - 0.05 i; the input (i = 0) is left out, so 4 layers,
        // thirds of one: pool1 0.25 against logits 0.10.
        List<Median> medians = new ArrayList<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            medians.add(median(layer(LAYERS.get(i), i, "untrained"), LUMINANCE, 0.3, SE));
            medians.add(median(layer(LAYERS.get(i), i, "trained"), LUMINANCE, 0.3 - 0.05 * i, SE));
        }
        TrendFinding luminance = only(Findings.of(ORDER, List.of(), List.of(), medians), Question.LUMINANCE_PRUNED);

        assertEquals(List.of("untrained", "trained"), luminance.trends().stream().map(HierarchyTrend::checkpoint)
                .toList());
        HierarchyTrend untrained = luminance.trends().get(0);
        HierarchyTrend trained = luminance.trends().get(1);
        assertEquals(List.of("pool1", "pool2", "fc1", "logits"), trained.positions().stream()
                .map(position -> position.source().name()).toList(), "the input is left out of information");
        assertEquals(0.0, untrained.difference(), EXACT);
        assertEquals(Verdict.NO, untrained.verdict());
        assertEquals(0.10 - 0.25, trained.difference(), EXACT);
        assertEquals(Math.hypot(SE, SE), trained.error(), EXACT);
        assertEquals(Verdict.YES, trained.verdict());
        assertEquals("Does luminance information I(R;L) fall along the layers of trained?", luminance.text(trained));

        TrendInteraction interaction = luminance.interactions().get(0);
        assertEquals(-0.15, interaction.difference(), EXACT);
        assertEquals(0.02, interaction.error(), EXACT);
        assertEquals(Verdict.YES, interaction.verdict());
        assertEquals("Is the fall of luminance information I(R;L) along the layers of builtin-cnn-small steeper at "
                + "trained than at untrained?", luminance.text(interaction));
    }

    @Test
    void theIdTrendKeepsTheInputAndAsksOnlyWhetherTheThirdsDiffer() {
        List<IdValue> ids = new ArrayList<>();
        double[] trained = {8, 14, 20, 9, 4};
        for (int i = 0; i < LAYERS.size(); i++) {
            ids.add(IdValue.subsampled(layer(LAYERS.get(i), i, "trained"), trained[i], 0.3, trained[i] + 0.1));
        }
        TrendFinding id = only(Findings.of(ORDER, ids, List.of(), List.of()), Question.HUNCHBACK);

        HierarchyTrend trend = id.trends().get(0);
        assertEquals(5, trend.positions().size(), "the input is kept for the ID");
        assertEquals(8.0, trend.first().mean(), EXACT, "pixels, the subsample mean");
        assertEquals(4.0 - 8.0, trend.difference(), EXACT);
        assertEquals(Verdict.YES, trend.verdict(), "-4 beyond 2 x hypot(0.3, 0.3)");
        assertEquals("Does the ID differ between the first and the last third of the layers of trained?",
                id.text(trend));
        assertEquals(List.of(), id.interactions(), "one checkpoint: no interaction");
    }

    @Test
    void idsWithoutSubsamplesHaveNoErrorBarSoTheirTrendIsNotEvaluated() {
        List<IdValue> ids = new ArrayList<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            ids.add(IdValue.withoutSubsamples(layer(LAYERS.get(i), i, "trained"), 10 - i));
        }
        HierarchyTrend trend = only(Findings.of(ORDER, ids, List.of(), List.of()), Question.HUNCHBACK).trends()
                .get(0);
        assertEquals(6.0 - 10.0, trend.difference(), EXACT, "the fit on all points is the value");
        assertEquals(Verdict.NOT_EVALUATED, trend.verdict());
        assertEquals("no error bar at pixels, logits", trend.reason());
    }

    @Test
    void areasInHierarchyOrderFallAndTheSameAreasDeclaredInReverseOrderRise() {
        // V1 0.4, LM 0.3, LI 0.2, LL 0.1; given out of order to show that the declared order decides.
        String[] names = {"LI", "V1", "LL", "LM"};
        double[] values = {0.2, 0.4, 0.1, 0.3};
        int[] forward = {2, 0, 3, 1};
        List<Median> inOrder = new ArrayList<>();
        List<Median> reversed = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            inOrder.add(median(area(names[i], forward[i]), LUMINANCE, values[i], SE));
            reversed.add(median(area(names[i], 3 - forward[i]), LUMINANCE, values[i], SE));
        }

        HierarchyTrend down = only(Findings.of(ORDER, List.of(), List.of(), inOrder), Question.LUMINANCE_PRUNED)
                .trends().get(0);
        HierarchyTrend up = only(Findings.of(ORDER, List.of(), List.of(), reversed), Question.LUMINANCE_PRUNED)
                .trends().get(0);

        assertEquals(List.of("V1", "LM", "LI", "LL"), names(down));
        assertEquals(List.of("LL", "LI", "LM", "V1"), names(up));
        assertEquals(-0.3, down.difference(), EXACT);
        assertEquals(0.3, up.difference(), EXACT);
        assertEquals(Verdict.YES, down.verdict());
        assertEquals(Verdict.OPPOSITE, up.verdict());
        assertEquals(-1.0, down.rankCorrelation(), EXACT);
        assertEquals(1.0, up.rankCorrelation(), EXACT);
        assertTrue(!down.layers() && down.checkpoint().isEmpty());
    }

    @Test
    void aSingleLayerOrAreaIsNotEvaluatedAndNeitherIsTheInteractionThatRestsOnIt() {
        List<Median> medians = List.of(median(layer("pool1", 1, "untrained"), LUMINANCE, 0.3, SE),
                median(layer("pool1", 1, "trained"), LUMINANCE, 0.1, SE),
                median(layer("pool2", 2, "trained"), LUMINANCE, 0.1, SE),
                median(area("V1", 0), LUMINANCE, 0.4, SE));
        TrendFinding luminance = only(Findings.of(ORDER, List.of(), List.of(), medians), Question.LUMINANCE_PRUNED);

        assertEquals(List.of(Verdict.NOT_EVALUATED, Verdict.NO, Verdict.NOT_EVALUATED), luminance.trends().stream()
                .map(HierarchyTrend::verdict).toList(), "untrained (1 layer), trained (2), the areas (1)");
        assertEquals("1 position with a value; a trend needs at least 2", luminance.trends().get(2).reason());
        TrendInteraction interaction = luminance.interactions().get(0);
        assertEquals(Verdict.NOT_EVALUATED, interaction.verdict());
        assertEquals("the trend at untrained is not evaluated: 1 position with a value; a trend needs at least 2",
                interaction.reason());
    }

    @Test
    void everyLayerAgainstTheClaimIsOppositeAndNoErrorBarAnywhereIsNotEvaluated() {
        List<Median> rising = new ArrayList<>();
        List<Median> bare = new ArrayList<>();
        for (int i = 1; i < LAYERS.size(); i++) {
            rising.add(median(layer(LAYERS.get(i), i, "untrained"), LUMINANCE, 0.1, SE));
            rising.add(median(layer(LAYERS.get(i), i, "trained"), LUMINANCE, 0.3, SE));
            bare.add(median(layer(LAYERS.get(i), i, "untrained"), LUMINANCE, 0.1, Double.NaN));
            bare.add(median(layer(LAYERS.get(i), i, "trained"), LUMINANCE, 0.3, SE));
        }
        TrainingFinding opposite = training(Findings.of(ORDER, List.of(), List.of(), rising));
        assertEquals(Answer.OPPOSITE, opposite.answer());
        assertEquals(4, opposite.opposing());
        assertEquals(Answer.NOT_EVALUATED, training(Findings.of(ORDER, List.of(), List.of(), bare)).answer());
    }

    @Test
    void theHunchbackNamesItsPeak() {
        List<IdValue> ids = new ArrayList<>();
        double[] trained = {8, 14, 20, 9, 4};
        for (int i = 0; i < LAYERS.size(); i++) {
            ids.add(IdValue.subsampled(layer(LAYERS.get(i), i, "trained"), trained[i], 0.3, trained[i]));
        }
        HunchbackFinding hunchback = Findings.of(ORDER, ids, List.of(), List.of()).hunchback().get(0);
        assertEquals(Answer.YES, hunchback.answer());
        assertEquals("pool2", hunchback.peak().name());
    }

    private static TrendFinding only(Findings findings, Question question) {
        return findings.trends().stream().filter(f -> f.question() == question).findFirst().orElseThrow();
    }

    private static TrainingFinding training(Findings findings) {
        return findings.training().stream().filter(f -> f.question() == Question.LUMINANCE_PRUNED).findFirst()
                .orElseThrow();
    }

    private static List<String> names(HierarchyTrend trend) {
        return trend.positions().stream().map(position -> position.source().name()).toList();
    }
}
