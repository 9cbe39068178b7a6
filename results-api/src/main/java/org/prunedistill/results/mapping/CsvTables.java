package org.prunedistill.results.mapping;

import java.util.List;
import java.util.Locale;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.HierarchyTrend;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.QuestionTrends;
import org.prunedistill.api.v1.TrendInteraction;
import org.prunedistill.events.v1.NotEvaluatedReason;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.results.domain.UnitTable;

/** Profiles as CSV (RFC 4180, header row, '.' decimals, empty cells for absent values), for spreadsheets and pandas. */
public final class CsvTables {

    private static final String SOURCE_COLUMNS = "run_id,source_kind,source,checkpoint,origin,order,relative_depth";

    private CsvTables() {
    }

    public static String idProfile(List<IdPoint> points) {
        StringBuilder csv = new StringBuilder(SOURCE_COLUMNS
                + ",estimator,n1,n2,id,error,scale,points_used,duplicates_removed\r\n");
        for (IdPoint point : points) {
            source(csv, point.getSource());
            csv.append(',').append(cell(point.getEstimator()))
                    .append(',').append(point.getN1() > 0 ? Integer.toString(point.getN1()) : "")
                    .append(',').append(point.getN2() > 0 ? Integer.toString(point.getN2()) : "")
                    .append(',').append(number(point.getId()))
                    .append(',').append(point.getHasError() ? number(point.getError()) : "")
                    .append(',').append(number(point.getScale()))
                    .append(',').append(point.getPointsUsed())
                    .append(',').append(point.getDuplicatesRemoved()).append("\r\n");
        }
        return csv.toString();
    }

    public static String informationProfile(List<InformationPoint> points) {
        StringBuilder csv = new StringBuilder(SOURCE_COLUMNS + ",quantity,correction,median,median_error,q25,q75,units"
                + ",responsive_units,informative_units,included_units,unfiltered_median,not_evaluated_reason\r\n");
        for (InformationPoint point : points) {
            source(csv, point.getSource());
            csv.append(',').append(cell(point.getQuantity()))
                    .append(',').append(cell(point.getCorrection()))
                    .append(',').append(number(point.getMedian()))
                    .append(',').append(point.getHasMedianError() ? number(point.getMedianError()) : "")
                    .append(',').append(number(point.getQ25()))
                    .append(',').append(number(point.getQ75()))
                    .append(',').append(point.getUnits())
                    .append(',').append(point.getResponsiveUnits())
                    .append(',').append(point.getInformativeUnits())
                    .append(',').append(point.getIncludedUnits())
                    .append(',').append(point.getHasUnfilteredMedian() ? number(point.getUnfilteredMedian()) : "")
                    .append(',').append(reason(point.getNotEvaluatedReason())).append("\r\n");
        }
        return csv.toString();
    }

    /** One row per change; kind and origin are the earlier end's (both ends share them). */
    public static String changes(List<Change> changes) {
        StringBuilder csv = new StringBuilder("run_id,source_kind,origin,from_source,from_checkpoint,from_order,"
                + "from_relative_depth,to_source,to_checkpoint,to_order,to_relative_depth,quantity,correction,before,"
                + "after,difference,error,significant\r\n");
        for (Change change : changes) {
            SourceRef from = change.getFromSource();
            SourceRef to = change.getToSource();
            csv.append(cell(from.getRunId())).append(',').append(SourceKeys.kindName(from.getKind()))
                    .append(',').append(cell(from.getOrigin()))
                    .append(',').append(cell(from.getName())).append(',').append(cell(from.getCheckpoint()))
                    .append(',').append(from.getOrder()).append(',').append(number(from.getRelativeDepth()))
                    .append(',').append(cell(to.getName())).append(',').append(cell(to.getCheckpoint()))
                    .append(',').append(to.getOrder()).append(',').append(number(to.getRelativeDepth()))
                    .append(',').append(cell(change.getQuantity()))
                    .append(',').append(cell(change.getCorrection()))
                    .append(',').append(number(change.getBefore()))
                    .append(',').append(number(change.getAfter()))
                    .append(',').append(number(change.getDifference()))
                    .append(',').append(change.getHasError() ? number(change.getError()) : "")
                    .append(',').append(change.getHasError() ? Boolean.toString(change.getSignificant()) : "")
                    .append("\r\n");
        }
        return csv.toString();
    }

    /**
     * One row per trend along the hierarchy ({@code row} = {@code trend}; per question, per model and checkpoint, then
     * along the areas): the sources of its positions in order, joined by ';', its thirds, difference, error and
     * verdict. Then one row per interaction ({@code interaction}: did training change the trend along a model's
     * layers?), its checkpoint {@code first -> last}, the two trends' differences in the last columns and their
     * difference, error and verdict where a trend has its own.
     */
    public static String trends(String runId, List<QuestionTrends> questions) {
        StringBuilder csv = new StringBuilder("row,run_id,question,claim,source_kind,origin,checkpoint,positions,"
                + "sources,third_size,first_third_mean,first_third_error,last_third_mean,last_third_error,difference,"
                + "error,significant,rank_correlation,verdict,reason,first_difference,last_difference\r\n");
        for (QuestionTrends question : questions) {
            String asked = cell(runId) + ',' + question.getQuestion().name() + ',' + question.getClaim().name();
            for (HierarchyTrend trend : question.getTrendsList()) {
                csv.append("trend,").append(asked)
                        .append(',').append(SourceKeys.kindName(trend.getKind()))
                        .append(',').append(cell(trend.getOrigin())).append(',').append(cell(trend.getCheckpoint()))
                        .append(',').append(trend.getPositionsCount())
                        .append(',').append(cell(String.join(";", trend.getPositionsList().stream()
                                .map(position -> position.getSource().getName()).toList())))
                        .append(',').append(trend.getFirstThird().getCount())
                        .append(',').append(number(trend.getFirstThird().getMean()))
                        .append(',').append(trend.getFirstThird().getHasError()
                                ? number(trend.getFirstThird().getError()) : "")
                        .append(',').append(number(trend.getLastThird().getMean()))
                        .append(',').append(trend.getLastThird().getHasError()
                                ? number(trend.getLastThird().getError()) : "")
                        .append(',').append(number(trend.getDifference()))
                        .append(',').append(trend.getHasError() ? number(trend.getError()) : "")
                        .append(',').append(trend.getHasError() ? Boolean.toString(trend.getSignificant()) : "")
                        .append(',').append(trend.getHasRankCorrelation() ? number(trend.getRankCorrelation()) : "")
                        .append(',').append(trend.getVerdict().name())
                        .append(',').append(cell(trend.getReason())).append(",,\r\n");
            }
            // Whether training changed the trend: along the layers, from the first to the last checkpoint.
            for (TrendInteraction interaction : question.getInteractionsList()) {
                csv.append("interaction,").append(asked).append(",layer,").append(cell(interaction.getOrigin()))
                        .append(',').append(cell(interaction.getFirstCheckpoint() + " -> "
                                + interaction.getLastCheckpoint()))
                        .append(",,,,,,,")
                        .append(',').append(number(interaction.getDifference()))
                        .append(',').append(interaction.getHasError() ? number(interaction.getError()) : "")
                        .append(',').append(interaction.getHasError() ? Boolean.toString(interaction.getSignificant())
                                : "")
                        .append(",,").append(interaction.getVerdict().name())
                        .append(',').append(cell(interaction.getReason()))
                        .append(',').append(number(interaction.getFirstDifference()))
                        .append(',').append(number(interaction.getLastDifference())).append("\r\n");
            }
        }
        return csv.toString();
    }

    /** A per-unit table: a unit index column, then the table's own columns; one row per unit. */
    public static String unitTable(UnitTable table) {
        StringBuilder csv = new StringBuilder("unit");
        table.columns().forEach(column -> csv.append(',').append(cell(column)));
        csv.append("\r\n");
        for (int row = 0; row < table.rows(); row++) {
            csv.append(row);
            for (int column = 0; column < table.columns().size(); column++) {
                csv.append(',').append(number(table.value(row, column)));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    /** Empty when the point has a median, else the reason's name in lower case ("no_responsive_unit"). */
    private static String reason(NotEvaluatedReason reason) {
        return switch (reason) {
            case NOT_EVALUATED_REASON_UNSPECIFIED, UNRECOGNIZED -> "";
            default -> reason.name().substring("NOT_EVALUATED_REASON_".length()).toLowerCase(Locale.ROOT);
        };
    }

    private static void source(StringBuilder csv, SourceRef source) {
        csv.append(cell(source.getRunId())).append(',').append(SourceKeys.kindName(source.getKind()))
                .append(',').append(cell(source.getName())).append(',').append(cell(source.getCheckpoint()))
                .append(',').append(cell(source.getOrigin())).append(',').append(source.getOrder())
                .append(',').append(number(source.getRelativeDepth()));
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.10g", value) : "";
    }

    /** Quotes a cell when it holds a separator, a quote or a line break. */
    static String cell(String text) {
        if (text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
