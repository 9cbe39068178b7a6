package org.prunedistill.launcher;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;

/** Formats a run's profiles as a plain-text table, one row per source, in hierarchy order. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static String format(IdProfile ids, InformationProfile information) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (IdPoint point : ids.getPointsList()) {
            Row row = rows.computeIfAbsent(key(point.getSource()), ignored -> new Row(point.getSource()));
            if (point.getEstimator().equals("twonn")) {
                row.twoNn = point.getId();
            } else if (point.getEstimator().equals("pc-id")) {
                row.pcaComponents = point.getId();
            } else if (point.getEstimator().equals("twonn-mle")) {
                row.mle = point.getId();
                row.mleError = point.getHasError() ? point.getError() : Double.NaN;
            }
            if (point.getEstimator().equals("twonn-mle")) {
                row.points = point.getPointsUsed();
            }
        }
        for (InformationPoint point : information.getPointsList()) {
            Row row = rows.computeIfAbsent(key(point.getSource()), ignored -> new Row(point.getSource()));
            if (point.getCorrection().equals("panzeri-treves")) {
                if (point.getQuantity().contains("object")) {
                    row.objectBits = point.getMedian();
                } else if (point.getQuantity().contains("luminance")) {
                    row.luminanceBits = point.getMedian();
                }
                row.units = point.getUnits();
            }
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-6s %-16s %-12s %5s %6s %8s %13s %6s %7s %12s %14s%n",
                "kind", "source", "checkpoint", "depth", "units", "TwoNN", "MLE +- se", "PC-ID", "points",
                "I(R;obj) PT", "I(R;lum) PT"));
        for (Row row : rows.values()) {
            table.append(String.format(Locale.ROOT, "%-6s %-16s %-12s %5.2f %6s %8.2f %6.2f +-%4.2f %6.0f %7d %12.4f %14.4f%n",
                    row.source.getKind() == SourceKind.SOURCE_KIND_LAYER ? "layer" : "area",
                    row.source.getName(), row.source.getCheckpoint().isEmpty() ? "-" : row.source.getCheckpoint(),
                    row.source.getRelativeDepth(), row.units < 0 ? "?" : Integer.toString(row.units),
                    row.twoNn, row.mle, row.mleError, row.pcaComponents, row.points, row.objectBits, row.luminanceBits));
        }
        return table.append("(information: median over units, bits, Panzeri-Treves corrected)\n").toString();
    }

    private static String key(SourceRef source) {
        return source.getKind() + "/" + source.getOrigin() + "/" + source.getCheckpoint() + "/" + source.getName();
    }

    private static final class Row {
        final SourceRef source;
        double twoNn = Double.NaN;
        double mle = Double.NaN;
        double mleError = Double.NaN;
        double pcaComponents = Double.NaN;
        int points;
        int units = -1;
        double objectBits = Double.NaN;
        double luminanceBits = Double.NaN;

        Row(SourceRef source) {
            this.source = source;
        }
    }
}
