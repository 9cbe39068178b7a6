package org.prunedistill.launcher.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.Finding;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.ExpansionPremise;
import org.prunedistill.api.v1.HunchbackEvidence;
import org.prunedistill.api.v1.LayerVerdict;
import org.prunedistill.api.v1.PhaseKind;
import org.prunedistill.api.v1.ProfilePhase;
import org.prunedistill.api.v1.ProfilePosition;
import org.prunedistill.api.v1.Question;
import org.prunedistill.api.v1.TrainingEvidence;
import org.prunedistill.events.v1.SourceRef;

/**
 * What a run found, in plain statements with the numbers behind them: results-api's findings (GetFindings, judged by
 * the verdicts module) written as sentences, per question: along training (the hunchback per checkpoint, each layer's
 * change), along the hierarchy (each trend per checkpoint and along the areas) and the interaction (whether training
 * changes the trend). Nothing is judged here: the answers, verdicts, reasons and phases are the API's.
 */
public final class Findings {

    /** One statement: a short question, the answer, and the numbers behind it. */
    public record Statement(String question, String answer, String evidence) {
    }

    private Findings() {
    }

    /**
     * Every finding, question by question in the API's order of questions: the findings along training, then the
     * question's trends along the hierarchy, then its interactions.
     */
    public static List<Statement> of(GetFindingsResponse findings) {
        List<Statement> statements = new ArrayList<>();
        Set<Question> asked = new LinkedHashSet<>();
        findings.getFindingsList().forEach(finding -> asked.add(finding.getQuestion()));
        findings.getTrendsList().forEach(trends -> asked.add(trends.getQuestion()));
        List<Question> questions = asked.stream().sorted(Comparator.comparingInt(Question::getNumber)).toList();
        for (Question question : questions) {
            for (Finding finding : findings.getFindingsList()) {
                if (finding.getQuestion() == question) {
                    statements.add(new Statement(finding.getText(), answer(finding), finding.hasHunchback()
                            ? hunchback(finding.getHunchback()) : training(finding.getTraining())));
                }
            }
            findings.getTrendsList().stream().filter(trends -> trends.getQuestion() == question)
                    .forEach(trends -> statements.addAll(Trends.of(trends)));
        }
        return statements;
    }

    private static String answer(Finding finding) {
        TrainingEvidence training = finding.getTraining();
        return switch (finding.getAnswer()) {
            case ANSWER_YES -> finding.hasTraining() ? "yes, in every layer" : "yes";
            case ANSWER_NO -> finding.hasTraining() ? String.format(Locale.ROOT, "no: %d of %d layers as claimed, "
                    + "%d opposite", training.getAgreeing(), training.getLayersCount(), training.getOpposing())
                    : "no";
            case ANSWER_IN_SOME_LAYERS -> "in " + training.getAgreeing() + " of " + training.getLayersCount()
                    + " layers" + (training.getOpposing() > 0 ? " (" + training.getOpposing() + " opposite)" : "");
            case ANSWER_OPPOSITE -> "opposite, in every layer";
            case ANSWER_NOT_EVALUATED -> "not evaluated: no layer has an error bar at both checkpoints";
            default -> "not answered";
        };
    }

    private static String hunchback(HunchbackEvidence profile) {
        StringBuilder evidence = new StringBuilder();
        for (ProfilePosition position : profile.getPositionsList()) {
            evidence.append(evidence.isEmpty() ? "" : ", ").append(position(position));
        }
        SourceRef peak = profile.hasPeakSource() ? profile.getPeakSource()
                : profile.getPositions(profile.getPeak()).getSource();
        evidence.append(String.format(Locale.ROOT, ". Peak at %s (relative depth %.2f); ", peak.getName(),
                peak.getRelativeDepth()));
        if (profile.getPhasesCount() == 0) {
            evidence.append("no step beyond the error bars.");
        } else {
            List<String> phases = new ArrayList<>();
            for (ProfilePhase phase : profile.getPhasesList()) {
                phases.add((phase.getKind() == PhaseKind.PHASE_KIND_EXPANSION ? "expansion " : "contraction ")
                        + profile.getPositions(phase.getFromPosition()).getSource().getName() + " -> "
                        + profile.getPositions(phase.getToPosition()).getSource().getName());
            }
            evidence.append(String.join(", ", phases)).append('.');
        }
        if (profile.hasPremise()) {
            evidence.append(' ').append(premise(profile));
        }
        return evidence.toString();
    }

    /** A layer of a profile as the findings write it: name, ID and error bar. */
    private static String position(ProfilePosition position) {
        return String.format(Locale.ROOT, "%s %.2f +- %.2f", position.getSource().getName(), position.getId(),
                position.getError());
    }

    /** The premise check in words: can this setup show an expansion at all? */
    static String premise(HunchbackEvidence profile) {
        ExpansionPremise premise = profile.getPremise();
        String input = position(profile.getPositions(premise.getInputPosition()));
        String early = String.join(", ", premise.getEarlyPositionsList().stream()
                .map(index -> position(profile.getPositions(index))).toList());
        return premise.getHolds()
                ? "Premise: the input's ID (" + input + ") lies below an early layer's (" + early
                        + "), so an expansion can show."
                : "Premise not met: the input's ID (" + input + ") is not below the early layers' (" + early
                        + ") beyond the error bars, so this setup cannot show an expansion whatever the network"
                        + " learned.";
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
            case CHANGE_VERDICT_OPPOSITE -> decrease ? "increases (opposite to the claim)"
                    : "decreases (opposite to the claim)";
            default -> "not judged";
        };
    }
}
