package org.prunedistill.results.mapping;

import java.util.List;
import org.prunedistill.api.v1.Answer;
import org.prunedistill.api.v1.ChangeVerdict;
import org.prunedistill.api.v1.Claim;
import org.prunedistill.api.v1.ExpansionPremise;
import org.prunedistill.api.v1.Finding;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.HunchbackEvidence;
import org.prunedistill.api.v1.LayerVerdict;
import org.prunedistill.api.v1.PhaseKind;
import org.prunedistill.api.v1.ProfilePhase;
import org.prunedistill.api.v1.ProfilePosition;
import org.prunedistill.api.v1.Question;
import org.prunedistill.api.v1.TrainingEvidence;
import org.prunedistill.verdicts.Findings;
import org.prunedistill.verdicts.HunchbackFinding;
import org.prunedistill.verdicts.TrainingFinding;

/**
 * The verdicts module's findings of a run as the API's {@link GetFindingsResponse}, with the questions along the
 * hierarchy embedded as {@link TrendsMapping} writes them for GetTrends.
 */
public final class FindingsMapping {

    private FindingsMapping() {
    }

    /**
     * @param verdicts the mapping the findings' inputs were made with (it writes their sources and changes back)
     */
    public static GetFindingsResponse toApi(String runId, Findings findings, VerdictMapping verdicts) {
        GetFindingsResponse.Builder response = GetFindingsResponse.newBuilder().setRunId(runId)
                .setFirstCheckpoint(findings.first()).setLastCheckpoint(findings.last());
        findings.hunchback().forEach(finding -> response.addFindings(hunchback(finding, verdicts)));
        findings.training().forEach(finding -> response.addFindings(training(finding, verdicts)));
        return response.addAllTrends(TrendsMapping.toApi(findings.trends(), verdicts)).build();
    }

    private static Finding hunchback(HunchbackFinding finding, VerdictMapping verdicts) {
        HunchbackEvidence.Builder evidence = HunchbackEvidence.newBuilder().setCheckpoint(finding.checkpoint())
                .setPeak(finding.profile().peak()).setPeakSource(verdicts.ref(finding.peak()));
        for (int i = 0; i < finding.ids().size(); i++) {
            evidence.addPositions(ProfilePosition.newBuilder().setSource(verdicts.ref(finding.ids().get(i).source()))
                    .setId(finding.profile().positions().get(i).id())
                    .setError(finding.profile().positions().get(i).error())
                    .setAllPointsId(finding.ids().get(i).allPoints()));
        }
        for (org.prunedistill.verdicts.ProfilePhase phase : finding.profile().phases()) {
            evidence.addPhases(ProfilePhase.newBuilder().setFromPosition(phase.from()).setToPosition(phase.to())
                    .setKind(phase.kind() == org.prunedistill.verdicts.ProfilePhase.Kind.EXPANSION
                            ? PhaseKind.PHASE_KIND_EXPANSION : PhaseKind.PHASE_KIND_CONTRACTION));
        }
        finding.premise().ifPresent(premise -> evidence.setPremise(ExpansionPremise.newBuilder()
                .setInputPosition(premise.input()).addAllEarlyPositions(premise.early()).setHolds(premise.holds())));
        return Finding.newBuilder().setQuestion(Question.QUESTION_HUNCHBACK).setText(finding.question())
                .setAnswer(answer(finding.answer())).setHunchback(evidence).build();
    }

    private static Finding training(TrainingFinding finding, VerdictMapping verdicts) {
        List<LayerVerdict> layers = finding.layers().stream().map(layer -> LayerVerdict.newBuilder()
                .setChange(verdicts.toApi(layer.change())).setVerdict(verdict(layer.verdict())).build()).toList();
        TrainingEvidence.Builder evidence = TrainingEvidence.newBuilder().addAllLayers(layers)
                .setAgreeing(finding.agreeing()).setOpposing(finding.opposing())
                .setClaim(claim(finding.question().claim()))
                .setMeasure(layers.get(0).getChange().getMeasure());
        return Finding.newBuilder().setQuestion(question(finding.question())).setText(finding.text())
                .setAnswer(answer(finding.answer())).setTraining(evidence).build();
    }

    /** CLAIM_UNSPECIFIED for no claimed direction (null). */
    static Claim claim(org.prunedistill.verdicts.Claim claim) {
        if (claim == null) {
            return Claim.CLAIM_UNSPECIFIED;
        }
        return claim == org.prunedistill.verdicts.Claim.DECREASE ? Claim.CLAIM_DECREASE : Claim.CLAIM_INCREASE;
    }

    static Question question(org.prunedistill.verdicts.Question question) {
        return switch (question) {
            case HUNCHBACK -> Question.QUESTION_HUNCHBACK;
            case LUMINANCE_PRUNED -> Question.QUESTION_LUMINANCE_PRUNED;
            case CONTRAST_PRUNED -> Question.QUESTION_CONTRAST_PRUNED;
            case F_HIGH_DISTILLED -> Question.QUESTION_F_HIGH_DISTILLED;
            case INVARIANT_FRACTION_INCREASES -> Question.QUESTION_INVARIANT_FRACTION_INCREASES;
            case SINGLE_UNIT_GENERALISATION_IMPROVES -> Question.QUESTION_SINGLE_UNIT_GENERALISATION_IMPROVES;
            case POPULATION_GENERALISATION_IMPROVES -> Question.QUESTION_POPULATION_GENERALISATION_IMPROVES;
        };
    }

    private static Answer answer(org.prunedistill.verdicts.Answer answer) {
        return switch (answer) {
            case YES -> Answer.ANSWER_YES;
            case NO -> Answer.ANSWER_NO;
            case IN_SOME_LAYERS -> Answer.ANSWER_IN_SOME_LAYERS;
            case OPPOSITE -> Answer.ANSWER_OPPOSITE;
            case NOT_EVALUATED -> Answer.ANSWER_NOT_EVALUATED;
        };
    }

    /** A layer's change can only lack an error bar when it is not evaluated. */
    private static ChangeVerdict verdict(org.prunedistill.verdicts.Verdict verdict) {
        return switch (verdict) {
            case NOT_EVALUATED -> ChangeVerdict.CHANGE_VERDICT_NO_ERROR_BAR;
            case NO -> ChangeVerdict.CHANGE_VERDICT_NOT_SIGNIFICANT;
            case YES -> ChangeVerdict.CHANGE_VERDICT_AS_CLAIMED;
            case OPPOSITE -> ChangeVerdict.CHANGE_VERDICT_OPPOSITE;
        };
    }
}
