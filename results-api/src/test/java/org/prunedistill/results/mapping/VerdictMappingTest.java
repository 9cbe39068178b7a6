package org.prunedistill.results.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.Answer;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.ChangeVerdict;
import org.prunedistill.api.v1.Claim;
import org.prunedistill.api.v1.Finding;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.HierarchyTrend;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Measure;
import org.prunedistill.api.v1.PhaseKind;
import org.prunedistill.api.v1.Question;
import org.prunedistill.api.v1.QuestionTrends;
import org.prunedistill.api.v1.Verdict;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.TwoNnFit;
import org.prunedistill.verdicts.Findings;

/** Changes and findings as results-api serves them: the verdicts module's rule, on the API's typed points. */
class VerdictMappingTest {

    private static final double EXACT = 1e-12;
    private static final Measure LUMINANCE = Measure.newBuilder()
            .setQuantity(InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE)
            .setCorrection(Correction.CORRECTION_PANZERI_TREVES).build();
    private static final Measure F_HIGH = Measure.newBuilder()
            .setQuantity(InformationQuantity.INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE)
            .setCorrection(Correction.CORRECTION_PANZERI_TREVES).build();
    private static final RunSpec THREE_CHECKPOINTS = RunSpec.newBuilder().addModels(ModelSource.newBuilder()
            .setModel("builtin-cnn-small").addCheckpoints("untrained").addCheckpoints("early")
            .addCheckpoints("trained"))
            .build();

    @Test
    void takesTheDifferenceWithTheHypotenuseOfTheErrorsAndKeepsTheEndsTypedMeasure() {
        List<InformationPoint> points = List.of(point(layer("conv1", "untrained"), LUMINANCE, 0.50, 0.03),
                point(layer("conv1", "trained"), LUMINANCE, 0.30, 0.04));
        Change change = new VerdictMapping(points).consecutive(THREE_CHECKPOINTS, sources(points)).get(0);

        assertEquals(0.50, change.getBefore(), EXACT);
        assertEquals(0.30, change.getAfter(), EXACT);
        assertEquals(-0.20, change.getDifference(), EXACT);
        assertEquals(0.05, change.getError(), EXACT);
        assertTrue(change.getHasError());
        assertTrue(change.getSignificant());
        assertEquals("untrained", change.getFromSource().getCheckpoint());
        assertEquals("trained", change.getToSource().getCheckpoint());
        assertEquals(LUMINANCE, change.getMeasure());
        assertEquals("I(R;L)", change.getQuantity());
        assertEquals("panzeri-treves", change.getCorrection());
    }

    @Test
    void givesNoErrorAndNoSignificanceWhenAnEndLacksAnError() {
        List<InformationPoint> points = List.of(point(layer("conv1", "untrained"), LUMINANCE, 0.5, 0.01),
                point(layer("conv1", "trained"), LUMINANCE, 0.1, Double.NaN));
        Change change = new VerdictMapping(points).consecutive(THREE_CHECKPOINTS, sources(points)).get(0);

        assertEquals(-0.4, change.getDifference(), EXACT);
        assertFalse(change.getHasError());
        assertEquals(0.0, change.getError());
        assertFalse(change.getSignificant());
    }

    @Test
    void followsTheCheckpointOrderOfTheSpecThenItsOnnxCheckpointsThenTheOrderOfAppearance() {
        List<InformationPoint> points = List.of(point(layer("conv1", "trained"), LUMINANCE, 0.1, 0.01),
                point(layer("conv1", "untrained"), LUMINANCE, 0.4, 0.01),
                point(layer("conv1", "early"), LUMINANCE, 0.3, 0.01));
        assertEquals(List.of("untrained -> early", "early -> trained"), checkpoints(new VerdictMapping(points)
                .consecutive(THREE_CHECKPOINTS, sources(points))));

        RunSpec onnx = RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("builtin-cnn-small")
                .addOnnxCheckpoints(ModelCheckpoint.newBuilder().setName("epoch-9"))
                .addOnnxCheckpoints(ModelCheckpoint.newBuilder().setName("epoch-10"))).build();
        List<InformationPoint> epochs = List.of(point(layer("conv1", "epoch-10"), LUMINANCE, 0.1, 0.01),
                point(layer("conv1", "epoch-9"), LUMINANCE, 0.4, 0.01));
        assertEquals(List.of("epoch-9 -> epoch-10"), checkpoints(new VerdictMapping(epochs).consecutive(onnx,
                sources(epochs))));
        assertEquals(List.of("epoch-10 -> epoch-9"), checkpoints(new VerdictMapping(epochs).consecutive(
                RunSpec.getDefaultInstance(), sources(epochs))));
    }

    @Test
    void comparesTwoNamedCheckpointsAndConsecutiveAreas() {
        List<InformationPoint> points = List.of(point(layer("conv1", "untrained"), LUMINANCE, 0.4, 0.03),
                point(layer("conv1", "early"), LUMINANCE, 0.3, 0.01),
                point(layer("conv1", "trained"), LUMINANCE, 0.1, 0.04),
                point(area("V1", 0), F_HIGH, 0.2, 0.02), point(area("LM", 1), F_HIGH, 0.5, 0.02));

        List<Change> changes = new VerdictMapping(points).between(THREE_CHECKPOINTS, sources(points), "untrained",
                "trained");

        assertEquals(List.of("conv1 untrained -> conv1 trained", "V1  -> LM "), changes.stream()
                .map(c -> c.getFromSource().getName() + " " + c.getFromSource().getCheckpoint() + " -> "
                        + c.getToSource().getName() + " " + c.getToSource().getCheckpoint()).toList());
        assertEquals(-0.3, changes.get(0).getDifference(), EXACT);
        assertTrue(changes.get(1).getSignificant(), "0.3 > 2 x 0.028");
        assertEquals(F_HIGH, changes.get(1).getMeasure());
    }

    @Test
    void findingsCarryEachLayersChangeItsVerdictAndTheHunchbackPhases() {
        String[] names = {"pixels", "pool1", "pool2", "fc1", "logits"};
        double[] trained = {8, 14, 20, 9, 4};
        List<InformationPoint> points = new ArrayList<>();
        List<AnalysisResult> twoNn = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            for (String checkpoint : List.of("untrained", "trained")) {
                SourceRef source = layer(names[i], i, checkpoint);
                boolean late = checkpoint.equals("trained");
                points.add(point(source, LUMINANCE, late ? 0.3 - 0.05 * i : 0.3, 0.01));
                // The subsample mean is the value shown; the fit on all points (0.5 above it here) stands beside.
                twoNn.add(AnalysisResult.newBuilder().setSource(source).setEstimator("twonn")
                        .setTwoNn(TwoNnFit.newBuilder().setId((late ? trained[i] : 8) + 0.5).setHasSubsamples(true)
                                .setSubsampleMean(late ? trained[i] : 8).setSubsampleSd(0.3)).build());
            }
        }
        RunSpec spec = RunSpec.newBuilder().addModels(ModelSource.newBuilder().setModel("builtin-cnn-small")
                .addCheckpoints("untrained").addCheckpoints("trained")).build();
        VerdictMapping verdicts = new VerdictMapping(points);
        GetFindingsResponse response = FindingsMapping.toApi("r", Findings.of(VerdictMapping.trainingOrder(spec),
                verdicts.twoNn(twoNn), verdicts.sources(sources(points)), verdicts.medians()), verdicts);

        assertEquals("untrained", response.getFirstCheckpoint());
        assertEquals("trained", response.getLastCheckpoint());
        assertEquals(List.of(Question.QUESTION_HUNCHBACK, Question.QUESTION_HUNCHBACK,
                Question.QUESTION_LUMINANCE_PRUNED), response.getFindingsList().stream().map(Finding::getQuestion)
                .toList());
        Finding hunchback = response.getFindings(1);
        assertEquals(Answer.ANSWER_YES, hunchback.getAnswer());
        assertEquals("Does the ID rise then fall along the layers of trained?", hunchback.getText());
        assertEquals(2, hunchback.getHunchback().getPeak());
        assertEquals("pool2", hunchback.getHunchback().getPositions(2).getSource().getName());
        assertEquals("pool2", hunchback.getHunchback().getPeakSource().getName());
        assertEquals(20.0, hunchback.getHunchback().getPositions(2).getId(), EXACT, "the subsample mean");
        assertEquals(0.3, hunchback.getHunchback().getPositions(2).getError(), EXACT);
        assertEquals(20.5, hunchback.getHunchback().getPositions(2).getAllPointsId(), EXACT, "the fit beside it");
        assertEquals(List.of(PhaseKind.PHASE_KIND_EXPANSION, PhaseKind.PHASE_KIND_CONTRACTION), hunchback
                .getHunchback().getPhasesList().stream().map(phase -> phase.getKind()).toList());
        assertEquals(Answer.ANSWER_NO, response.getFindings(0).getAnswer());
        assertTrue(hunchback.getHunchback().getPremise().getHolds(), "pool1 14 +- 0.3 above pixels 8 +- 0.3");
        assertEquals(List.of(1), hunchback.getHunchback().getPremise().getEarlyPositionsList(), "pool1 at 0.25");
        assertFalse(response.getFindings(0).getHunchback().getPremise().getHolds(), "untrained: flat at 8 from the input");
        assertTrue(response.getFindings(0).getHunchback().hasPremise());
        Finding pruning = response.getFindings(2);
        assertEquals(Answer.ANSWER_YES, pruning.getAnswer());
        assertEquals(Claim.CLAIM_DECREASE, pruning.getTraining().getClaim());
        assertEquals(LUMINANCE, pruning.getTraining().getMeasure());
        assertEquals(4, pruning.getTraining().getAgreeing());
        assertEquals(List.of("pool1", "pool2", "fc1", "logits"), pruning.getTraining().getLayersList().stream()
                .map(layer -> layer.getChange().getFromSource().getName()).toList(), "the input is left out");
        assertTrue(pruning.getTraining().getLayersList().stream()
                .allMatch(layer -> layer.getVerdict() == ChangeVerdict.CHANGE_VERDICT_AS_CLAIMED));
        assertEquals(Math.hypot(0.01, 0.01), pruning.getTraining().getLayers(0).getChange().getError(), EXACT);

        assertEquals(List.of(Question.QUESTION_HUNCHBACK, Question.QUESTION_LUMINANCE_PRUNED), response
                .getTrendsList().stream().map(QuestionTrends::getQuestion).toList());
        QuestionTrends id = response.getTrends(0);
        assertEquals(Claim.CLAIM_UNSPECIFIED, id.getClaim(), "no direction is claimed for the ID");
        assertEquals(Measure.getDefaultInstance(), id.getMeasure());
        HierarchyTrend trainedId = id.getTrends(1);
        assertEquals(5, trainedId.getPositionsCount(), "the input is kept for the ID");
        assertEquals(4.0 - 8.0, trainedId.getDifference(), EXACT, "logits against pixels, subsample means");
        assertEquals(Verdict.VERDICT_YES, trainedId.getVerdict());
        assertEquals(SourceKind.SOURCE_KIND_LAYER, trainedId.getKind());
        QuestionTrends luminance = response.getTrends(1);
        assertEquals(LUMINANCE, luminance.getMeasure());
        assertEquals(Claim.CLAIM_DECREASE, luminance.getClaim());
        HierarchyTrend falling = luminance.getTrends(1);
        assertEquals("pool1", falling.getPositions(0).getSource().getName(), "the input is left out");
        assertEquals(0.10 - 0.25, falling.getDifference(), EXACT);
        assertEquals(Math.hypot(0.01, 0.01), falling.getError(), EXACT);
        assertTrue(falling.getHasError() && falling.getSignificant() && falling.getHasRankCorrelation());
        assertEquals(Verdict.VERDICT_YES, falling.getVerdict());
        assertEquals(Verdict.VERDICT_YES, luminance.getInteractions(0).getVerdict());
        assertEquals(0.02, luminance.getInteractions(0).getError(), EXACT);
    }

    @Test
    void aTrendWithTooFewPositionsIsServedNotEvaluatedWithItsReasonAndNoError() {
        List<InformationPoint> points = List.of(point(area("V1", 0), LUMINANCE, 0.4, 0.01));
        VerdictMapping verdicts = new VerdictMapping(points);
        QuestionTrends luminance = TrendsMapping.toApi(Findings.of(VerdictMapping.trainingOrder(
                RunSpec.getDefaultInstance()), List.of(), verdicts.sources(sources(points)), verdicts.medians())
                .trends(), verdicts).get(0);

        HierarchyTrend trend = luminance.getTrends(0);
        assertEquals(SourceKind.SOURCE_KIND_AREA, trend.getKind());
        assertEquals("", trend.getCheckpoint());
        assertEquals(Verdict.VERDICT_NOT_EVALUATED, trend.getVerdict());
        assertEquals("1 position with a value; a trend needs at least 2", trend.getReason());
        assertFalse(trend.getHasError());
        assertFalse(trend.getHasRankCorrelation());
        assertEquals("V1", trend.getPositions(0).getSource().getName());
        assertEquals(List.of(), luminance.getInteractionsList());
    }

    private static SourceRef layer(String name, String checkpoint) {
        return layer(name, 1, checkpoint);
    }

    private static SourceRef layer(String name, int order, String checkpoint) {
        return SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_LAYER).setName(name)
                .setCheckpoint(checkpoint).setOrigin("builtin-cnn-small").setOrder(order).setRelativeDepth(order / 4.0)
                .build();
    }

    private static SourceRef area(String name, int order) {
        return SourceRef.newBuilder().setRunId("r").setKind(SourceKind.SOURCE_KIND_AREA).setName(name)
                .setOrigin("recording").setOrder(order).setRelativeDepth(order / 3.0).build();
    }

    /** A median with its standard error; NaN for none; its names written as results-api writes them. */
    private static InformationPoint point(SourceRef source, Measure measure, double median, double error) {
        InformationPoint.Builder point = InformationPoint.newBuilder().setSource(source).setMeasure(measure)
                .setQuantity(InformationPointMapping.quantityName(measure.getQuantity()))
                .setCorrection(InformationPointMapping.correctionName(measure.getCorrection())).setMedian(median);
        if (!Double.isNaN(error)) {
            point.setMedianError(error).setHasMedianError(true);
        }
        return point.build();
    }

    private static List<SourceRef> sources(List<InformationPoint> points) {
        return points.stream().map(InformationPoint::getSource).distinct().toList();
    }

    private static List<String> checkpoints(List<Change> changes) {
        return changes.stream().map(c -> c.getFromSource().getCheckpoint() + " -> " + c.getToSource().getCheckpoint())
                .toList();
    }
}
