package org.prunedistill.launcher.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.Finding;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.HunchbackEvidence;
import org.prunedistill.api.v1.LayerVerdict;
import org.prunedistill.api.v1.PhaseKind;
import org.prunedistill.api.v1.ProfilePhase;
import org.prunedistill.api.v1.ProfilePosition;
import org.prunedistill.api.v1.TrainingEvidence;

/**
 * What a run found, in plain statements with the numbers behind them: results-api's findings (GetFindings, judged by
 * the verdicts module) written as sentences. Nothing is judged here: the answers, each layer's verdict and the phases
 * of a profile are the API's.
 */
public final class Findings {

    /** One statement: a short question, the answer, and the numbers behind it. */
    public record Statement(String question, String answer, String evidence) {
    }

    private Findings() {
    }

    /** Every finding, in the API's order. */
    public static List<Statement> of(GetFindingsResponse findings) {
        List<Statement> statements = new ArrayList<>();
        for (Finding finding : findings.getFindingsList()) {
            statements.add(new Statement(finding.getText(), answer(finding), finding.hasHunchback()
                    ? hunchback(finding.getHunchback()) : training(finding.getTraining())));
        }
        return statements;
    }

    private static String answer(Finding finding) {
        return switch (finding.getAnswer()) {
            case ANSWER_YES -> finding.hasTraining() ? "yes, in every layer" : "yes";
            case ANSWER_NO -> "no";
            case ANSWER_IN_SOME_LAYERS -> "in " + finding.getTraining().getAgreeing() + " of "
                    + finding.getTraining().getLayersCount() + " layers";
            default -> "not answered";
        };
    }

    private static String hunchback(HunchbackEvidence profile) {
        StringBuilder evidence = new StringBuilder();
        for (ProfilePosition position : profile.getPositionsList()) {
            evidence.append(evidence.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f +- %.2f",
                    position.getSource().getName(), position.getId(), position.getError()));
        }
        ProfilePosition peak = profile.getPositions(profile.getPeak());
        evidence.append(String.format(Locale.ROOT, ". Peak at %s (relative depth %.2f); ", peak.getSource().getName(),
                peak.getSource().getRelativeDepth()));
        if (profile.getPhasesCount() == 0) {
            return evidence.append("no step beyond the error bars.").toString();
        }
        List<String> phases = new ArrayList<>();
        for (ProfilePhase phase : profile.getPhasesList()) {
            phases.add((phase.getKind() == PhaseKind.PHASE_KIND_EXPANSION ? "expansion " : "contraction ")
                    + profile.getPositions(phase.getFromPosition()).getSource().getName() + " -> "
                    + profile.getPositions(phase.getToPosition()).getSource().getName());
        }
        return evidence.append(String.join(", ", phases)).append('.').toString();
    }

    private static String training(TrainingEvidence training) {
        StringBuilder evidence = new StringBuilder();
        for (LayerVerdict layer : training.getLayersList()) {
            Change c = layer.getChange();
            evidence.append(evidence.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s: %.4f -> %.4f (difference %+.4f%s): %s", c.getFromSource().getName(), c.getBefore(),
                    c.getAfter(), c.getDifference(), c.getHasError() ? String.format(Locale.ROOT, " +- %.4f",
                            c.getError()) : "", verdict(layer, training)));
        }
        return evidence + ".";
    }

    private static String verdict(LayerVerdict layer, TrainingEvidence training) {
        boolean decrease = training.getClaim() == org.prunedistill.api.v1.Claim.CLAIM_DECREASE;
        return switch (layer.getVerdict()) {
            case CHANGE_VERDICT_NO_ERROR_BAR -> "no error bar";
            case CHANGE_VERDICT_NOT_SIGNIFICANT -> "no significant change";
            case CHANGE_VERDICT_AS_CLAIMED -> decrease ? "decreases" : "increases";
            case CHANGE_VERDICT_AGAINST_CLAIM -> decrease ? "increases (against the claim)"
                    : "decreases (against the claim)";
            default -> "not judged";
        };
    }
}
