package org.prunedistill.verdicts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prunedistill.verdicts.Sources.LUMINANCE;
import static org.prunedistill.verdicts.Sources.layer;
import static org.prunedistill.verdicts.Sources.median;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The paper's questions answered on hand-made profiles of five layers (pixels, pool1, pool2, fc1, logits). */
class FindingsTest {

    private static final List<String> LAYERS = List.of("pixels", "pool1", "pool2", "fc1", "logits");
    private static final TrainingOrder ORDER = new TrainingOrder(Map.of("builtin-cnn-small",
            List.of("untrained", "trained")));
    private static final double ID_ERROR = 0.3;
    private static final double MEDIAN_ERROR = 0.01;

    @Test
    void aTrainedHunchbackAndAFlatUntrainedProfileAreToldApart() {
        Findings findings = Findings.of(ORDER, ids(new double[] {8, 8.2, 8.1, 8.3, 8.2},
                new double[] {8, 14, 20, 9, 4}), List.of(), List.of());

        assertEquals(2, findings.hunchback().size());
        HunchbackFinding untrained = findings.hunchback().get(0);
        assertEquals("Does the ID rise then fall along the layers of untrained?", untrained.question());
        assertEquals(Answer.NO, untrained.answer());
        assertTrue(untrained.profile().phases().isEmpty(), "every step within 0.3 + 0.3");
        HunchbackFinding trained = findings.hunchback().get(1);
        assertEquals(Answer.YES, trained.answer());
        assertEquals(2, trained.profile().peak());
        assertEquals(List.of(new ProfilePhase(ProfilePhase.Kind.EXPANSION, 0, 2),
                new ProfilePhase(ProfilePhase.Kind.CONTRACTION, 2, 4)), trained.profile().phases());
        assertEquals("pool2", trained.layers().get(trained.profile().peak()).name());
    }

    @Test
    void theAreasInTheirOrderAreOneProfileWhosePeakIsNamedAndTheReverseOrderMirrorsIt() {
        List<String> names = List.of("V1", "LM", "LI", "LL");
        double[] planted = {3, 6, 8, 4};
        List<IdValue> inOrder = new java.util.ArrayList<>();
        List<IdValue> reversed = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inOrder.add(IdValue.subsampled(Sources.area(names.get(i), i), planted[i], ID_ERROR, planted[i]));
            reversed.add(IdValue.subsampled(Sources.area(names.get(i), 3 - i), planted[i], ID_ERROR, planted[i]));
        }

        HunchbackFinding areas = Findings.of(ORDER, inOrder, List.of(), List.of()).hunchback().get(0);
        assertEquals("Does the ID rise then fall along the recorded areas?", areas.question());
        assertEquals(Answer.YES, areas.answer(), "3 < 6 < 8 > 4, every step beyond 0.3 + 0.3");
        assertEquals("LI", areas.peak().name());
        assertEquals(List.of(new ProfilePhase(ProfilePhase.Kind.EXPANSION, 0, 2),
                new ProfilePhase(ProfilePhase.Kind.CONTRACTION, 2, 3)), areas.profile().phases());

        HunchbackFinding mirrored = Findings.of(ORDER, reversed, List.of(), List.of()).hunchback().get(0);
        assertEquals(List.of("LL", "LI", "LM", "V1"), mirrored.layers().stream().map(Source::name).toList());
        assertEquals(Answer.YES, mirrored.answer(), "4 < 8 > 6 > 3 still rises then falls");
        assertEquals("LI", mirrored.peak().name());
        assertEquals(List.of(new ProfilePhase(ProfilePhase.Kind.EXPANSION, 0, 1),
                new ProfilePhase(ProfilePhase.Kind.CONTRACTION, 1, 3)), mirrored.profile().phases());
    }

    @Test
    void aProfileThatPeaksAtTheLastLayerIsNoHunchback() {
        Findings findings = Findings.of(ORDER, ids(new double[] {8, 10, 12, 14, 16},
                new double[] {8, 10, 12, 14, 16}), List.of(), List.of());
        assertEquals(Answer.NO, findings.hunchback().get(1).answer());
        assertEquals(4, findings.hunchback().get(1).profile().peak());
    }

    @Test
    void pruningNeedsADecreaseBeyondTwiceTheErrorOfTheDifferenceInEveryLayerButTheInput() {
        // Luminance falls by 0.05 per layer index from untrained to trained, each median +- 0.01: the error of the
        // difference is 0.0141, so every layer but the input (no change) decreases beyond 2 SE.
        List<Median> medians = new ArrayList<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            medians.add(median(layer(LAYERS.get(i), i, "untrained"), LUMINANCE, 0.3, MEDIAN_ERROR));
            medians.add(median(layer(LAYERS.get(i), i, "trained"), LUMINANCE, 0.3 - 0.05 * i, MEDIAN_ERROR));
        }
        Findings findings = Findings.of(ORDER, ids(new double[5], new double[5]), sources(medians), medians);

        assertEquals("untrained", findings.first());
        assertEquals("trained", findings.last());
        TrainingFinding pruning = only(findings, Question.LUMINANCE_PRUNED);
        assertEquals("Is luminance information pruned from untrained to trained?", pruning.text());
        assertEquals(List.of("pool1", "pool2", "fc1", "logits"), pruning.layers().stream()
                .map(layer -> layer.change().before().source().name()).toList(), "the input is left out");
        assertEquals(Math.hypot(MEDIAN_ERROR, MEDIAN_ERROR), pruning.layers().get(0).change().error(), 1e-12);
        assertTrue(pruning.layers().stream().allMatch(layer -> layer.verdict() == Verdict.YES));
        assertEquals(Answer.YES, pruning.answer());
        assertEquals(4, pruning.agreeing());
        assertTrue(findings.training().stream().noneMatch(f -> f.question() == Question.F_HIGH_DISTILLED),
                "no layer has f_high: the question is left out");
    }

    @Test
    void someLayersAgreeingIsNeitherYesNorNo() {
        // pool1 falls by 0.1 (beyond 2 x 0.0141), pool2 by 0.01 (within), fc1 rises by 0.1 (against the claim).
        double[] after = {0.3, 0.2, 0.29, 0.4, 0.3};
        List<Median> medians = new ArrayList<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            medians.add(median(layer(LAYERS.get(i), i, "untrained"), LUMINANCE, 0.3, MEDIAN_ERROR));
            medians.add(median(layer(LAYERS.get(i), i, "trained"), LUMINANCE, after[i], MEDIAN_ERROR));
        }
        TrainingFinding pruning = only(Findings.of(ORDER, List.of(), sources(medians), medians),
                Question.LUMINANCE_PRUNED);
        assertEquals(List.of(Verdict.YES, Verdict.NO, Verdict.OPPOSITE,
                Verdict.NO), pruning.layers().stream().map(TrainingFinding.JudgedChange::verdict)
                .toList());
        assertEquals(Answer.IN_SOME_LAYERS, pruning.answer());
        assertEquals(1, pruning.agreeing());
    }

    @Test
    void oneCheckpointAsksNoTrainingQuestion() {
        TrainingOrder trainedOnly = new TrainingOrder(Map.of("builtin-cnn-small", List.of("trained")));
        List<IdValue> trained = ids(new double[] {8, 14, 20, 9, 4}, new double[] {8, 14, 20, 9, 4}).stream()
                .filter(value -> value.source().checkpoint().equals("trained")).toList();
        Findings findings = Findings.of(trainedOnly, trained, List.of(), List.of());
        assertEquals(1, findings.hunchback().size());
        assertEquals(List.of(), findings.training());
        assertEquals("", findings.first());
    }

    @Test
    void theQuestionsAskTheirMeasuresInTheClaimedDirection() {
        assertEquals(LUMINANCE, Question.LUMINANCE_PRUNED.measure());
        assertEquals(Claim.DECREASE, Question.CONTRAST_PRUNED.claim());
        assertEquals(Claim.INCREASE, Question.F_HIGH_DISTILLED.claim());
        assertEquals(new Measure.Decoding(Measure.DecodingTask.GENERALISATION, Measure.DecodingLevel.POPULATION, 6,
                Measure.DecodingScore.ABOVE_CHANCE), Question.POPULATION_GENERALISATION_IMPROVES.measure());
    }

    private static TrainingFinding only(Findings findings, Question question) {
        return findings.training().stream().filter(f -> f.question() == question).findFirst().orElseThrow();
    }

    private static List<IdValue> ids(double[] untrained, double[] trained) {
        List<IdValue> ids = new ArrayList<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            ids.add(IdValue.subsampled(layer(LAYERS.get(i), i, "untrained"), untrained[i], ID_ERROR, untrained[i]));
            ids.add(IdValue.subsampled(layer(LAYERS.get(i), i, "trained"), trained[i], ID_ERROR, trained[i]));
        }
        return ids;
    }

    private static List<Source> sources(List<Median> medians) {
        return medians.stream().map(Median::source).distinct().toList();
    }
}
