package org.prunedistill.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.Answer;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.ChangeProfile;
import org.prunedistill.api.v1.ChangeVerdict;
import org.prunedistill.api.v1.Claim;
import org.prunedistill.api.v1.Finding;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.HierarchyTrend;
import org.prunedistill.api.v1.ExpansionPremise;
import org.prunedistill.api.v1.HunchbackEvidence;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.LayerVerdict;
import org.prunedistill.api.v1.Measure;
import org.prunedistill.api.v1.PhaseKind;
import org.prunedistill.api.v1.ProfilePhase;
import org.prunedistill.api.v1.ProfilePosition;
import org.prunedistill.api.v1.Question;
import org.prunedistill.api.v1.QuestionTrends;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.TrainingEvidence;
import org.prunedistill.api.v1.TrendInteraction;
import org.prunedistill.api.v1.TrendPosition;
import org.prunedistill.api.v1.TrendThird;
import org.prunedistill.api.v1.Verdict;
import org.prunedistill.events.v1.DecodingTask;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;

/**
 * The report, the summary and the findings write what results-api answered (GetFindings, GetChanges): the answers,
 * verdicts and significance marks below are the API's, made up here, and the text shows exactly them.
 */
class FindingsTest {

    private static final List<String> LAYERS = List.of("pixels", "pool1", "pool2", "fc1", "logits");
    private static final Measure LUMINANCE = SummaryTable.information(
            InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE);
    private static final Measure GENERALISATION = SummaryTable.decoding(DecodingTask.DECODING_TASK_GENERALISATION, 1);

    @Test
    void aHunchbackFindingIsWrittenWithItsProfilePeakAndPhases() {
        List<Findings.Statement> statements = Findings.of(findings());
        assertEquals("Does the ID rise then fall along the layers of trained?", statements.get(0).question());
        assertEquals("yes", statements.get(0).answer());
        assertEquals("pixels 8.00 +- 0.30, pool1 14.00 +- 0.30, pool2 20.00 +- 0.30, fc1 9.00 +- 0.30, logits 4.00 "
                + "+- 0.30. Peak at pool2 (relative depth 0.50); expansion pixels -> pool2, contraction pool2 -> "
                + "logits. Premise: the input's ID (pixels 8.00 +- 0.30) lies below an early layer's (pool1 14.00 +- "
                + "0.30), so an expansion can show.", statements.get(0).evidence());
    }

    @Test
    void aProfileThatCannotShowAnExpansionSaysSoBesideItsAnswer() {
        GetFindingsResponse response = findings();
        Finding hunchback = response.getFindings(0);
        HunchbackEvidence flat = hunchback.getHunchback().toBuilder()
                .setPositions(1, hunchback.getHunchback().getPositions(1).toBuilder().setId(8.2))
                .setPremise(hunchback.getHunchback().getPremise().toBuilder().setHolds(false)).build();
        GetFindingsResponse flatStart = response.toBuilder().setFindings(0, hunchback.toBuilder().setHunchback(flat))
                .build();

        String evidence = Findings.of(flatStart).get(0).evidence();

        assertTrue(evidence.endsWith("Premise not met: the input's ID (pixels 8.00 +- 0.30) is not below the early "
                + "layers' (pool1 8.20 +- 0.30) beyond the error bars, so this setup cannot show an expansion "
                + "whatever the network learned."), evidence);
    }

    @Test
    void aTrainingFindingListsEachLayersChangeWithTheApisVerdict() {
        Findings.Statement pruning = Findings.of(findings()).get(1);
        assertEquals("Is luminance information pruned from untrained to trained?", pruning.question());
        assertEquals("in 1 of 2 layers", pruning.answer());
        assertEquals("pool1: 0.3000 -> 0.2500 (difference -0.0500 +- 0.0141): decreases; pool2: 0.3000 -> 0.3100 "
                + "(difference +0.0100 +- 0.0141): no significant change.", pruning.evidence());
    }

    @Test
    void eachTrendAlongTheHierarchyIsWrittenWithItsThirdsDifferenceErrorAndRankCorrelation() {
        List<Findings.Statement> statements = Findings.of(findings());
        assertEquals(6, statements.size(), "hunchback, luminance along training, two checkpoints, the areas, "
                + "the interaction");
        Findings.Statement flat = statements.get(2);
        assertEquals("Does luminance information I(R;L) fall along the layers of untrained?", flat.question());
        assertEquals("no: within 2 SE", flat.answer());
        Findings.Statement trained = statements.get(3);
        assertEquals("yes, it falls beyond 2 SE", trained.answer());
        assertEquals("last third (logits) 0.1000 +- 0.01000 minus first third (pool1) 0.2500 +- 0.01000 = -0.1500 "
                + "+- 0.01414, beyond 2 SE; rank correlation with depth -1.00; 4 positions: pool1 0.2500 +- 0.01000, "
                + "pool2 0.2000 +- 0.01000, fc1 0.1500 +- 0.01000, logits 0.1000 +- 0.01000.", trained.evidence());
    }

    @Test
    void aTrendThatIsNotEvaluatedSaysWhyAndTheInteractionComparesTheTwoTrends() {
        List<Findings.Statement> statements = Findings.of(findings());
        Findings.Statement areas = statements.get(4);
        assertEquals("Does luminance information I(R;L) fall along the areas?", areas.question());
        assertEquals("not evaluated: 1 position with a value; a trend needs at least 2", areas.answer());
        assertEquals("1 position: V1 0.4000 +- 0.01000.", areas.evidence());
        Findings.Statement interaction = statements.get(5);
        assertEquals("Is the fall of luminance information I(R;L) along the layers of builtin-cnn-small steeper at "
                + "trained than at untrained?", interaction.question());
        assertEquals("yes, the trend is steeper in the claimed direction at trained beyond 2 SE",
                interaction.answer());
        assertEquals("trend at trained -0.1500 minus trend at untrained 0.000 = -0.1500 +- 0.02000, beyond 2 SE.",
                interaction.evidence());
    }

    @Test
    void theSummaryTableListsIdPerCheckpointTheApisChangesAndTheFindings() {
        String table = SummaryTable.format(profiles());
        assertTrue(table.contains("pool2           0.50    8.10 +- 0.30   20.00 +- 0.30"), table);
        assertTrue(table.startsWith("Intrinsic dimension on rat-objects (TwoNN"), "says which set: " + table);
        assertTrue(table.contains("Pruning and distillation on rat-objects, untrained -> trained"), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("pool1 ") && line.contains(" 0.300 -> 0.250 *")),
                table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("pool2 ") && line.contains(" 0.300 -> 0.310  ")
                        && !line.contains("*")), "no mark without the API's significance: " + table);
        assertTrue(table.contains("included units"), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("pool2 ") && line.endsWith(" 20/64 -> 30/64")),
                "the I(R;L) medians' included of analysed units at the first and the last checkpoint: " + table);
        assertTrue(table.contains("Decoding object pairs on rat-objects, untrained -> trained"), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("logits ") && line.contains("0.100 -> 0.500 *")),
                table);
        assertTrue(table.contains("- Does the ID rise then fall along the layers of trained? yes"), table);
        assertTrue(table.contains("- Is luminance information pruned from untrained to trained? in 1 of 2 layers"),
                table);
        assertTrue(table.contains("- Does luminance information I(R;L) fall along the layers of trained? yes, it "
                + "falls beyond 2 SE\n  last third (logits) 0.1000 +- 0.01000 minus first third (pool1)"), table);
    }

    @Test
    void theReportIsOneHtmlFileWithEveryPlotAndTheFindings() {
        String html = RunReport.html(profiles(), Instant.parse("2026-11-28T00:00:00Z"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("What this run found"));
        assertTrue(html.contains("in 1 of 2 layers"));
        assertTrue(html.contains("Is the fall of luminance information I(R;L) along the layers of builtin-cnn-small "
                + "steeper at trained than at untrained?"), "the interaction");
        assertTrue(html.contains("TwoNN ID along the layers"));
        assertTrue(html.contains("I(R;L) (median over units)"));
        assertTrue(html.contains("single-unit generalisation (bits above chance, median over units)"), "decoding");
        assertTrue(html.contains("<title>trained: pool2 20.0 +- 0.300</title>"), "points carry their values");
        assertTrue(!html.contains("http://") || html.indexOf("http://") == html.indexOf("http://www.w3.org"),
                "nothing is fetched from elsewhere");
    }

    private static RunProfiles profiles() {
        double[][] ids = {{8, 8.2, 8.1, 8.3, 8.2}, {8, 14, 20, 9, 4}};
        String[] checkpoints = {"untrained", "trained"};
        IdProfile.Builder idProfile = IdProfile.newBuilder().setRunId("r");
        InformationProfile.Builder information = InformationProfile.newBuilder().setRunId("r");
        ChangeProfile.Builder changes = ChangeProfile.newBuilder().setRunId("r");
        for (int i = 0; i < LAYERS.size(); i++) {
            for (int c = 0; c < 2; c++) {
                SourceRef source = layer(i, checkpoints[c]);
                idProfile.addPoints(IdPoint.newBuilder().setSource(source).setEstimator("twonn").setId(ids[c][i])
                        .setError(0.3).setHasError(true));
                information.addPoints(InformationPoint.newBuilder().setSource(source).setMeasure(LUMINANCE)
                        .setQuantity("I(R;L)").setCorrection("panzeri-treves").setMedian(0.3 - 0.05 * c * i)
                        .setMedianError(0.01).setHasMedianError(true).setUnits(64).setIncludedUnits(10 * (i + c)));
                information.addPoints(InformationPoint.newBuilder().setSource(source).setMeasure(GENERALISATION)
                        .setQuantity("single-unit generalisation").setCorrection("above-chance")
                        .setMedian(0.1 + 0.1 * c * i));
            }
            if (i > 0) {
                changes.addChanges(change(i, LUMINANCE, 0.3, i == 2 ? 0.31 : 0.3 - 0.05 * i, i != 2));
                changes.addChanges(change(i, GENERALISATION, 0.1, 0.1 + 0.1 * i, true));
            }
        }
        Run run = Run.newBuilder().setRunId("r").setSpec(RunSpec.newBuilder().addModels(ModelSource.newBuilder()
                .addCheckpoints("untrained").addCheckpoints("trained"))).build();
        return new RunProfiles(run, idProfile.build(), information.build(), findings(), changes.build());
    }

    /** What GetFindings could answer: a trained hunchback, and luminance pruned in one of two layers. */
    private static GetFindingsResponse findings() {
        double[] trained = {8, 14, 20, 9, 4};
        HunchbackEvidence.Builder profile = HunchbackEvidence.newBuilder().setCheckpoint("trained").setPeak(2)
                .addPhases(ProfilePhase.newBuilder().setKind(PhaseKind.PHASE_KIND_EXPANSION).setFromPosition(0)
                        .setToPosition(2))
                .addPhases(ProfilePhase.newBuilder().setKind(PhaseKind.PHASE_KIND_CONTRACTION).setFromPosition(2)
                        .setToPosition(4))
                .setPremise(ExpansionPremise.newBuilder().setInputPosition(0).addEarlyPositions(1).setHolds(true));
        for (int i = 0; i < LAYERS.size(); i++) {
            profile.addPositions(ProfilePosition.newBuilder().setSource(layer(i, "trained")).setId(trained[i])
                    .setError(0.3));
        }
        TrainingEvidence pruning = TrainingEvidence.newBuilder().setMeasure(LUMINANCE).setClaim(Claim.CLAIM_DECREASE)
                .setAgreeing(1)
                .addLayers(LayerVerdict.newBuilder().setChange(change(1, LUMINANCE, 0.3, 0.25, true))
                        .setVerdict(ChangeVerdict.CHANGE_VERDICT_AS_CLAIMED))
                .addLayers(LayerVerdict.newBuilder().setChange(change(2, LUMINANCE, 0.3, 0.31, false))
                        .setVerdict(ChangeVerdict.CHANGE_VERDICT_NOT_SIGNIFICANT))
                .build();
        return GetFindingsResponse.newBuilder().setRunId("r").setFirstCheckpoint("untrained")
                .setLastCheckpoint("trained")
                .addFindings(Finding.newBuilder().setQuestion(Question.QUESTION_HUNCHBACK).setAnswer(Answer.ANSWER_YES)
                        .setText("Does the ID rise then fall along the layers of trained?").setHunchback(profile))
                .addFindings(Finding.newBuilder().setQuestion(Question.QUESTION_LUMINANCE_PRUNED)
                        .setAnswer(Answer.ANSWER_IN_SOME_LAYERS)
                        .setText("Is luminance information pruned from untrained to trained?").setTraining(pruning))
                .addTrends(luminanceTrends())
                .build();
    }

    /**
     * What GetFindings could embed along the hierarchy: I(R;L) 0.3 +- 0.01 in every layer before training, 0.3 - 0.05 i
     * after; a single area; the interaction of the two trends.
     */
    private static QuestionTrends luminanceTrends() {
        HierarchyTrend.Builder untrained = trend("untrained", 0.3, 0.3, 0.0, Verdict.VERDICT_NO, false);
        HierarchyTrend.Builder trained = trend("trained", 0.25, 0.10, -0.15, Verdict.VERDICT_YES, true)
                .setRankCorrelation(-1).setHasRankCorrelation(true);
        for (int i = 1; i < LAYERS.size(); i++) {
            untrained.addPositions(position(layer(i, "untrained"), 0.3));
            trained.addPositions(position(layer(i, "trained"), 0.3 - 0.05 * i));
        }
        HierarchyTrend areas = HierarchyTrend.newBuilder().setText("Does luminance information I(R;L) fall along the "
                + "areas?").setOrigin("recording").setKind(SourceKind.SOURCE_KIND_AREA)
                .addPositions(position(SourceRef.newBuilder().setName("V1").setKind(SourceKind.SOURCE_KIND_AREA)
                        .build(), 0.4)).setDifference(Double.NaN).setVerdict(Verdict.VERDICT_NOT_EVALUATED)
                .setReason("1 position with a value; a trend needs at least 2").build();
        TrendInteraction interaction = TrendInteraction.newBuilder().setText("Is the fall of luminance information "
                + "I(R;L) along the layers of builtin-cnn-small steeper at trained than at untrained?")
                .setOrigin("builtin-cnn-small").setFirstCheckpoint("untrained").setLastCheckpoint("trained")
                .setFirstDifference(0).setLastDifference(-0.15).setDifference(-0.15).setError(0.02).setHasError(true)
                .setSignificant(true).setVerdict(Verdict.VERDICT_YES).build();
        return QuestionTrends.newBuilder().setQuestion(Question.QUESTION_LUMINANCE_PRUNED).setMeasure(LUMINANCE)
                .setClaim(Claim.CLAIM_DECREASE).addTrends(untrained).addTrends(trained).addTrends(areas)
                .addInteractions(interaction).build();
    }

    private static HierarchyTrend.Builder trend(String checkpoint, double first, double last, double difference,
                                                Verdict verdict, boolean significant) {
        TrendThird.Builder third = TrendThird.newBuilder().setCount(1).setError(0.01).setHasError(true);
        return HierarchyTrend.newBuilder().setText("Does luminance information I(R;L) fall along the layers of "
                        + checkpoint + "?").setOrigin("builtin-cnn-small").setCheckpoint(checkpoint)
                .setKind(SourceKind.SOURCE_KIND_LAYER).setFirstThird(third.clone().setMean(first))
                .setLastThird(third.clone().setMean(last)).setDifference(difference)
                .setError(Math.hypot(0.01, 0.01)).setHasError(true).setSignificant(significant).setVerdict(verdict);
    }

    private static TrendPosition position(SourceRef source, double value) {
        return TrendPosition.newBuilder().setSource(source).setValue(value).setError(0.01).setHasError(true).build();
    }

    private static Change change(int layer, Measure measure, double before, double after, boolean significant) {
        return Change.newBuilder().setFromSource(layer(layer, "untrained")).setToSource(layer(layer, "trained"))
                .setMeasure(measure).setBefore(before).setAfter(after).setDifference(after - before)
                .setError(Math.hypot(0.01, 0.01)).setHasError(true).setSignificant(significant).build();
    }

    private static SourceRef layer(int index, String checkpoint) {
        return SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER).setName(LAYERS.get(index))
                .setCheckpoint(checkpoint).setOrder(index).setRelativeDepth(index / 4.0).setOrigin("builtin-cnn-small")
                .build();
    }
}
