package org.prunedistill.launcher.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Measure;
import org.prunedistill.events.v1.DecodingLevel;
import org.prunedistill.events.v1.SourceRef;

/**
 * A self-contained HTML report of one run (issue 6, item 4): what the run found, in sentences with their numbers
 * (results-api's findings, {@link Findings}), the ID profile per checkpoint with error bars, GRIDE ID versus scale,
 * one panel per information quantity, and the tables behind the plots. Inline CSS and SVG only: the file opens
 * offline in any browser.
 */
public final class RunReport {

    private static final String GRIDE = "gride";

    private RunReport() {
    }

    /** The report as one HTML document. */
    public static String html(RunProfiles profiles, Instant generatedAt) {
        StringBuilder html = new StringBuilder();
        String runId = profiles.run().getRunId();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>prune-distill report: ")
                .append(SvgPlot.escape(runId)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:1180px;margin:24px auto;padding:0 16px;"
                        + "color:#222}\nh1{font-size:1.5em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}\n"
                        + ".plots{display:flex;flex-wrap:wrap;gap:12px}\ntable{border-collapse:collapse;"
                        + "font-size:.9em;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "th:first-child,td:first-child{text-align:left}\n.answer{font-weight:bold}.evidence{color:"
                        + "#555;font-size:.9em}\nli{margin-bottom:.6em}\n</style></head><body>\n");
        html.append("<h1>prune-distill: ").append(SvgPlot.escape(runId)).append("</h1>\n<p>")
                .append(SvgPlot.escape(profiles.run().getSpec().getLabel())).append("<br>Status ")
                .append(profiles.run().getStatus().name().replace("RUN_STATUS_", "").toLowerCase(Locale.ROOT))
                .append(", ").append(profiles.run().getResults()).append(" results from ")
                .append(profiles.run().getSourcesCount()).append(" sources; stimulus set ")
                .append(SvgPlot.escape(profiles.stimulusSet())).append("; checkpoints ")
                .append(SvgPlot.escape(String.join(", ", profiles.checkpoints()))).append(". Generated ")
                .append(generatedAt).append(".</p>\n");
        findings(html, Findings.of(profiles.findings()));
        idSection(html, profiles);
        informationSection(html, profiles);
        html.append("<h2>Method</h2>\n<p>TwoNN: linear fit on 90% of the ratios, error bar = SD over 50 random "
                + "subsamples of 90% of the conditions (SCIENCE.md 3.2, 3.4). GRIDE: n2 = 2 n1 up to 64 neighbours, "
                + "Fisher standard error (3.5). Information: per unit, Panzeri-Treves corrected, medians over the "
                + "included units (responsive, seeing the object in at least 10% of their receptive field, informative;"
                + " 4.7) with bootstrap standard errors (4.3-4.6); the counts and unfiltered medians are in the CSV. A change counts when it exceeds twice the standard "
                + "error of the difference. Numbers as CSV: <code>/api/runs/").append(SvgPlot.escape(runId))
                .append("/id-profile.csv</code> and <code>/information-profile.csv</code> on results-api.</p>\n");
        return html.append("</body></html>\n").toString();
    }

    private static void findings(StringBuilder html, List<Findings.Statement> findings) {
        html.append("<h2>What this run found</h2>\n<ul>\n");
        if (findings.isEmpty()) {
            html.append("<li>Not enough results for a finding (a profile needs three layers with a TwoNN "
                    + "estimate; a change needs two checkpoints).</li>\n");
        }
        for (Findings.Statement finding : findings) {
            html.append("<li>").append(SvgPlot.escape(finding.question())).append(" <span class=\"answer\">")
                    .append(SvgPlot.escape(finding.answer())).append("</span><br><span class=\"evidence\">")
                    .append(SvgPlot.escape(finding.evidence())).append("</span></li>\n");
        }
        html.append("</ul>\n");
    }

    private static void idSection(StringBuilder html, RunProfiles profiles) {
        html.append("<h2>Intrinsic dimension</h2>\n<div class=\"plots\">\n");
        SvgPlot profile = new SvgPlot("TwoNN ID along the layers", "relative depth", "ID (TwoNN)");
        for (String checkpoint : profiles.checkpoints()) {
            List<SvgPlot.Point> points = new ArrayList<>();
            for (SourceRef layer : profiles.layers()) {
                profiles.id(layer, checkpoint, RunProfiles.TWO_NN).ifPresent(p -> points.add(point(
                        layer.getRelativeDepth(), p, layer.getName())));
            }
            profile.series(checkpoint, points);
        }
        append(html, profile);
        SvgPlot areas = new SvgPlot("TwoNN ID along the areas", "relative depth", "ID (TwoNN)");
        List<SvgPlot.Point> areaPoints = new ArrayList<>();
        for (SourceRef area : profiles.areas()) {
            profiles.id(area, "", RunProfiles.TWO_NN).ifPresent(p -> areaPoints.add(point(area.getRelativeDepth(), p,
                    area.getName())));
        }
        append(html, areas.series("recorded areas", areaPoints));
        List<String> checkpoints = profiles.checkpoints();
        for (String checkpoint : checkpoints.isEmpty() ? List.<String>of()
                : List.of(checkpoints.get(0), checkpoints.get(checkpoints.size() - 1)).stream().distinct().toList()) {
            SvgPlot scales = new SvgPlot("GRIDE ID versus scale, " + checkpoint, "scale (distance)", "ID (GRIDE)")
                    .logX();
            for (SourceRef layer : profiles.layers()) {
                List<SvgPlot.Point> points = profiles.idPoints(layer, checkpoint, GRIDE).stream()
                        .map(p -> new SvgPlot.Point(p.getScale(), p.getId(), p.getHasError() ? p.getError()
                                : Double.NaN, "n2 " + p.getN2())).toList();
                scales.series(layer.getName(), points);
            }
            append(html, scales);
        }
        html.append("</div>\n<table><tr><th>source</th><th>depth</th>");
        for (String checkpoint : checkpoints) {
            html.append("<th>").append(SvgPlot.escape(checkpoint)).append("</th>");
        }
        html.append("</tr>\n");
        for (SourceRef layer : profiles.layers()) {
            html.append("<tr><td>").append(SvgPlot.escape(layer.getName())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", layer.getRelativeDepth())).append("</td>");
            for (String checkpoint : checkpoints) {
                html.append("<td>").append(cell(profiles.id(layer, checkpoint, RunProfiles.TWO_NN))).append("</td>");
            }
            html.append("</tr>\n");
        }
        for (SourceRef area : profiles.areas()) {
            html.append("<tr><td>").append(SvgPlot.escape(area.getName())).append(" (area)</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", area.getRelativeDepth())).append("</td><td colspan=\"")
                    .append(Math.max(1, checkpoints.size())).append("\">")
                    .append(cell(profiles.id(area, "", RunProfiles.TWO_NN))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void informationSection(StringBuilder html, RunProfiles profiles) {
        html.append("<h2>Single-unit information and decoding</h2>\n");
        String sampling = DecodingSampling.describe(profiles);
        if (!sampling.isEmpty()) {
            html.append("<p class=\"sampling\">").append(SvgPlot.escape(sampling)).append("</p>\n");
        }
        html.append("<div class=\"plots\">\n");
        profiles.plottedMeasures().forEach((measure, name) -> {
            SvgPlot plot = new SvgPlot(name + title(measure), "relative depth", unit(measure));
            for (String checkpoint : profiles.checkpoints()) {
                List<SvgPlot.Point> points = new ArrayList<>();
                for (SourceRef layer : profiles.layers()) {
                    profiles.information(layer, checkpoint, measure).ifPresent(p -> points.add(point(
                            layer.getRelativeDepth(), p, layer.getName())));
                }
                plot.series(checkpoint, points);
            }
            List<SvgPlot.Point> areaPoints = new ArrayList<>();
            for (SourceRef area : profiles.areas()) {
                profiles.information(area, "", measure).ifPresent(p -> areaPoints.add(point(area.getRelativeDepth(),
                        p, area.getName())));
            }
            append(html, plot.series("areas", areaPoints));
        });
        html.append("</div>\n");
    }

    /** What a panel's values are: bits above chance (mean or median) or a median over units. */
    private static String title(Measure measure) {
        if (!RunProfiles.isDecoding(measure)) {
            return " (median over units)";
        }
        return measure.getLevel() == DecodingLevel.DECODING_LEVEL_POPULATION
                ? " (bits above chance, mean over pseudo-populations)" : " (bits above chance, median over units)";
    }

    /** The axis unit: a fraction for f_high, the invariant fraction and the significant share, else bits. */
    private static String unit(Measure measure) {
        return switch (measure.getQuantity()) {
            case INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE, INFORMATION_QUANTITY_F_HIGH_RF_CONTRAST,
                    INFORMATION_QUANTITY_INVARIANT_FRACTION, INFORMATION_QUANTITY_SIGNIFICANT_SHARE -> "fraction";
            default -> "bits";
        };
    }

    private static SvgPlot.Point point(double x, IdPoint p, String label) {
        return new SvgPlot.Point(x, p.getId(), p.getHasError() ? p.getError() : Double.NaN, label);
    }

    private static SvgPlot.Point point(double x, InformationPoint p, String label) {
        return new SvgPlot.Point(x, p.getMedian(), p.getHasMedianError() ? p.getMedianError() : Double.NaN, label);
    }

    private static String cell(Optional<IdPoint> point) {
        if (point.isEmpty()) {
            return "";
        }
        IdPoint p = point.get();
        return String.format(Locale.ROOT, p.getHasError() ? "%.2f &plusmn; %.2f" : "%.2f", p.getId(), p.getError());
    }

    private static void append(StringBuilder html, SvgPlot plot) {
        if (!plot.isEmpty()) {
            html.append(plot.svg());
        }
    }
}
