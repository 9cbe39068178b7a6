package org.prunedistill.results.mapping;

import java.util.List;
import org.prunedistill.api.v1.Answer;
import org.prunedistill.api.v1.ChangeVerdict;
import org.prunedistill.api.v1.Claim;
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

/** The verdicts module's findings of a run as the API's {@link GetFindingsResponse}. */
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
        return response.build();
    }

    private static Finding hunchback(HunchbackFinding finding, VerdictMapping verdicts) {
        HunchbackEvidence.Builder evidence = HunchbackEvidence.newBuilder().setCheckpoint(finding.checkpoint())
                .setPeak(finding.profile().peak());
        for (int i = 0; i < finding.layers().size(); i++) {
            evidence.addPositions(ProfilePosition.newBuilder().setSource(verdicts.ref(finding.layers().get(i)))
                    .setId(finding.profile().positions().get(i).id())
                    .setError(finding.profile().positions().get(i).error()));
        }
        for (org.prunedistill.verdicts.ProfilePhase phase : finding.profile().phases()) {
            evidence.addPhases(ProfilePhase.newBuilder().setFromPosition(phase.from()).setToPosition(phase.to())
                    .setKind(phase.kind() == org.prunedistill.verdicts.ProfilePhase.Kind.EXPANSION
                            ? PhaseKind.PHASE_KIND_EXPANSION : PhaseKind.PHASE_KIND_CONTRACTION));
        }
        return Finding.newBuilder().setQuestion(Question.QUESTION_HUNCHBACK).setText(finding.question())
                .setAnswer(answer(finding.answer())).setHunchback(evidence).build();
    }

    private static Finding training(TrainingFinding finding, VerdictMapping verdicts) {
        List<LayerVerdict> layers = finding.layers().stream().map(layer -> LayerVerdict.newBuilder()
                .setChange(verdicts.toApi(layer.change())).setVerdict(verdict(layer.verdict())).build()).toList();
        TrainingEvidence.Builder evidence = TrainingEvidence.newBuilder().addAllLayers(layers)
                .setAgreeing(finding.agreeing())
                .setClaim(finding.question().claim() == org.prunedistill.verdicts.Claim.DECREASE
                        ? Claim.CLAIM_DECREASE : Claim.CLAIM_INCREASE)
                .setMeasure(layers.get(0).getChange().getMeasure());
        return Finding.newBuilder().setQuestion(question(finding.question())).setText(finding.text())
                .setAnswer(answer(finding.answer())).setTraining(evidence).build();
    }

    private static Question question(org.prunedistill.verdicts.Question question) {
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
        };
    }

    private static ChangeVerdict verdict(org.prunedistill.verdicts.LayerVerdict verdict) {
        return switch (verdict) {
            case NO_ERROR_BAR -> ChangeVerdict.CHANGE_VERDICT_NO_ERROR_BAR;
            case NOT_SIGNIFICANT -> ChangeVerdict.CHANGE_VERDICT_NOT_SIGNIFICANT;
            case AS_CLAIMED -> ChangeVerdict.CHANGE_VERDICT_AS_CLAIMED;
            case AGAINST_CLAIM -> ChangeVerdict.CHANGE_VERDICT_AGAINST_CLAIM;
        };
    }
}
