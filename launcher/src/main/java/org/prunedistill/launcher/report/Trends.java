package org.prunedistill.launcher.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prunedistill.api.v1.Claim;
import org.prunedistill.api.v1.HierarchyTrend;
import org.prunedistill.api.v1.QuestionTrends;
import org.prunedistill.api.v1.TrendInteraction;
import org.prunedistill.api.v1.TrendPosition;
import org.prunedistill.api.v1.TrendThird;
import org.prunedistill.api.v1.Verdict;

/**
 * One question along the hierarchy (GetFindings' embedded trends) as {@link Findings.Statement}s a reviewer can check:
 * each trend with its thirds, difference, error and rank correlation, and each interaction with the two trends it
 * compares. The verdicts and reasons are the API's.
 */
final class Trends {

    private Trends() {
    }

    /** The trends of one question, then its interactions. */
    static List<Findings.Statement> of(QuestionTrends question) {
        List<Findings.Statement> statements = new ArrayList<>();
        Claim claim = question.getClaim();
        String falls = claim == Claim.CLAIM_UNSPECIFIED ? "the thirds differ" : claim == Claim.CLAIM_DECREASE
                ? "it falls" : "it rises";
        String rises = claim == Claim.CLAIM_DECREASE ? "it rises" : "it falls";
        for (HierarchyTrend trend : question.getTrendsList()) {
            statements.add(new Findings.Statement(trend.getText(), answer(trend.getVerdict(), trend.getReason(),
                    falls, rises), evidence(trend)));
        }
        for (TrendInteraction interaction : question.getInteractionsList()) {
            String last = interaction.getLastCheckpoint();
            String steeper = claim == Claim.CLAIM_UNSPECIFIED ? "the trends differ"
                    : "the trend is steeper in the claimed direction at " + last;
            String flatter = "the trend at " + last + " is flatter or reversed";
            statements.add(new Findings.Statement(interaction.getText(), answer(interaction.getVerdict(),
                    interaction.getReason(), steeper, flatter), evidence(interaction)));
        }
        return statements;
    }

    /** The API's verdict in words: {@code yes} and {@code opposite} say what each means for this question. */
    private static String answer(Verdict verdict, String reason, String yes, String opposite) {
        return switch (verdict) {
            case VERDICT_YES -> "yes, " + yes + " beyond 2 SE";
            case VERDICT_NO -> "no: within 2 SE";
            case VERDICT_OPPOSITE -> "opposite: " + opposite + " beyond 2 SE";
            case VERDICT_NOT_EVALUATED -> "not evaluated: " + reason;
            default -> "not answered";
        };
    }

    private static String evidence(HierarchyTrend trend) {
        StringBuilder evidence = new StringBuilder();
        if (trend.getFirstThird().getCount() > 0) {
            int count = trend.getPositionsCount();
            evidence.append(String.format(Locale.ROOT, "last third (%s) %s minus first third (%s) %s = %s%s; ",
                    names(trend.getPositionsList().subList(count - trend.getLastThird().getCount(), count)),
                    third(trend.getLastThird()),
                    names(trend.getPositionsList().subList(0, trend.getFirstThird().getCount())),
                    third(trend.getFirstThird()), number(trend.getDifference()), trend.getHasError()
                            ? " +- " + number(trend.getError()) + (trend.getSignificant() ? ", beyond 2 SE"
                            : ", within 2 SE") : ", no error"));
            if (trend.getHasRankCorrelation()) {
                evidence.append(String.format(Locale.ROOT, "rank correlation with depth %.2f; ",
                        trend.getRankCorrelation()));
            }
        }
        List<String> positions = new ArrayList<>();
        for (TrendPosition position : trend.getPositionsList()) {
            positions.add(position.getSource().getName() + " " + number(position.getValue())
                    + (position.getHasError() ? " +- " + number(position.getError()) : ""));
        }
        return evidence.append(trend.getPositionsCount()).append(trend.getPositionsCount() == 1 ? " position: "
                : " positions: ").append(String.join(", ", positions)).append('.').toString();
    }

    private static String evidence(TrendInteraction interaction) {
        return String.format(Locale.ROOT, "trend at %s %s minus trend at %s %s = %s%s.",
                interaction.getLastCheckpoint(), number(interaction.getLastDifference()),
                interaction.getFirstCheckpoint(), number(interaction.getFirstDifference()),
                number(interaction.getDifference()), interaction.getHasError() ? " +- "
                        + number(interaction.getError()) + (interaction.getSignificant() ? ", beyond 2 SE"
                        : ", within 2 SE") : "");
    }

    private static String third(TrendThird third) {
        return number(third.getMean()) + (third.getHasError() ? " +- " + number(third.getError()) : "");
    }

    private static String names(List<TrendPosition> positions) {
        return String.join(", ", positions.stream().map(position -> position.getSource().getName()).toList());
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : "-";
    }
}
