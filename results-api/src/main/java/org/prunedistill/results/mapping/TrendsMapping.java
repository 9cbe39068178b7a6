package org.prunedistill.results.mapping;

import java.util.List;
import org.prunedistill.api.v1.HierarchyTrend;
import org.prunedistill.api.v1.QuestionTrends;
import org.prunedistill.api.v1.TrendInteraction;
import org.prunedistill.api.v1.TrendPosition;
import org.prunedistill.api.v1.TrendThird;
import org.prunedistill.api.v1.Verdict;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.verdicts.TrendFinding;

/** The verdicts module's questions along the hierarchy as the API's {@link QuestionTrends}, one per question. */
public final class TrendsMapping {

    private TrendsMapping() {
    }

    /**
     * @param verdicts the mapping the findings' inputs were made with (it writes their sources and measures back)
     */
    public static List<QuestionTrends> toApi(List<TrendFinding> findings, VerdictMapping verdicts) {
        return findings.stream().map(finding -> question(finding, verdicts)).toList();
    }

    private static QuestionTrends question(TrendFinding finding, VerdictMapping verdicts) {
        QuestionTrends.Builder question = QuestionTrends.newBuilder()
                .setQuestion(FindingsMapping.question(finding.question()))
                .setMeasure(verdicts.measure(finding.question().measure()))
                .setClaim(FindingsMapping.claim(finding.question().hierarchyClaim()));
        finding.trends().forEach(trend -> question.addTrends(trend(finding, trend, verdicts)));
        finding.interactions().forEach(interaction -> question.addInteractions(interaction(finding, interaction)));
        return question.build();
    }

    private static HierarchyTrend trend(TrendFinding finding, org.prunedistill.verdicts.HierarchyTrend trend,
                                        VerdictMapping verdicts) {
        HierarchyTrend.Builder api = HierarchyTrend.newBuilder().setText(finding.text(trend))
                .setOrigin(trend.origin()).setCheckpoint(trend.checkpoint())
                .setKind(trend.layers() ? SourceKind.SOURCE_KIND_LAYER : SourceKind.SOURCE_KIND_AREA)
                .setFirstThird(third(trend.first())).setLastThird(third(trend.last()))
                .setDifference(trend.difference()).setVerdict(verdict(trend.verdict())).setReason(trend.reason());
        for (org.prunedistill.verdicts.TrendPosition position : trend.positions()) {
            TrendPosition.Builder point = TrendPosition.newBuilder().setSource(verdicts.ref(position.source()))
                    .setValue(position.value());
            if (position.hasError()) {
                point.setError(position.error()).setHasError(true);
            }
            api.addPositions(point);
        }
        if (trend.hasError()) {
            api.setError(trend.error()).setHasError(true).setSignificant(trend.significant());
        }
        if (!Double.isNaN(trend.rankCorrelation())) {
            api.setRankCorrelation(trend.rankCorrelation()).setHasRankCorrelation(true);
        }
        return api.build();
    }

    private static TrendThird third(org.prunedistill.verdicts.HierarchyTrend.Third third) {
        TrendThird.Builder api = TrendThird.newBuilder().setCount(third.count()).setMean(third.mean());
        if (!Double.isNaN(third.error())) {
            api.setError(third.error()).setHasError(true);
        }
        return api.build();
    }

    private static TrendInteraction interaction(TrendFinding finding,
                                                org.prunedistill.verdicts.TrendInteraction interaction) {
        TrendInteraction.Builder api = TrendInteraction.newBuilder().setText(finding.text(interaction))
                .setOrigin(interaction.origin()).setFirstCheckpoint(interaction.first().checkpoint())
                .setLastCheckpoint(interaction.last().checkpoint())
                .setFirstDifference(interaction.first().difference())
                .setLastDifference(interaction.last().difference()).setDifference(interaction.difference())
                .setVerdict(verdict(interaction.verdict())).setReason(interaction.reason());
        if (!Double.isNaN(interaction.error())) {
            api.setError(interaction.error()).setHasError(true).setSignificant(interaction.significant());
        }
        return api.build();
    }

    private static Verdict verdict(org.prunedistill.verdicts.Verdict verdict) {
        return switch (verdict) {
            case YES -> Verdict.VERDICT_YES;
            case NO -> Verdict.VERDICT_NO;
            case OPPOSITE -> Verdict.VERDICT_OPPOSITE;
            case NOT_EVALUATED -> Verdict.VERDICT_NOT_EVALUATED;
        };
    }
}
