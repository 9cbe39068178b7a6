package org.prunedistill.launcher.offline;

import java.util.Locale;
import org.prunedistill.id.DecimationStep;
import org.prunedistill.id.IdAnalysisResult;
import org.prunedistill.id.IdEstimate;
import org.prunedistill.id.SubsampledEstimate;
import org.prunedistill.id.TwoNnMleEstimate;

/**
 * What {@code ./pd id} prints. JSON numbers keep full double precision (values are compared with DADApy); an
 * estimator switched off is {@code null} (GRIDE: an empty list), a value that is not finite is {@code null}.
 * {@code twonn_subsampled} is the TwoNN error bar over random subsamples and {@code decimation} TwoNN versus scale,
 * null and empty when switched off.
 */
record IdReport(String file, IdAnalysisResult result, double fraction, double alpha, long seed, String search) {

    String json() {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"file\": ").append(string(file)).append(",\n");
        out.append("  \"n\": ").append(result.points()).append(",\n");
        out.append("  \"d\": ").append(result.dimensions()).append(",\n");
        out.append("  \"duplicates_removed\": ").append(result.duplicatesRemoved()).append(",\n");
        out.append("  \"neighbours\": ").append(result.neighbours()).append(",\n");
        out.append("  \"neighbour_search\": ").append(string(search)).append(",\n");
        IdEstimate twoNn = result.twoNn();
        out.append("  \"twonn\": ").append(twoNn == null ? "null" : "{\"id\": " + number(twoNn.id())
                + ", \"points_used\": " + twoNn.pointsUsed() + ", \"fraction\": " + fraction + ", \"scale\": "
                + number(twoNn.scale()) + "}").append(",\n");
        SubsampledEstimate subsampled = result.twoNnSubsampled();
        out.append("  \"twonn_subsampled\": ").append(subsampled == null ? "null" : "{\"id\": "
                + number(subsampled.id()) + ", \"error\": " + number(subsampled.error()) + ", \"repetitions\": "
                + subsampled.repetitions().size() + ", \"sample_size\": " + subsampled.sampleSize()
                + ", \"seed\": " + seed + "}").append(",\n");
        TwoNnMleEstimate mle = result.twoNnMle();
        out.append("  \"twonn_mle\": ").append(mle == null ? "null" : "{\"id\": " + number(mle.estimate().id())
                + ", \"ci_low\": " + number(mle.ciLow()) + ", \"ci_high\": " + number(mle.ciHigh())
                + ", \"alpha\": " + alpha + ", \"error\": " + number(mle.estimate().error()) + "}").append(",\n");
        out.append("  \"gride\": [");
        for (int i = 0; i < result.gride().size(); i++) {
            IdEstimate scale = result.gride().get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"n1\": ").append(scale.parameters().get("n1"))
                    .append(", \"n2\": ").append(scale.parameters().get("n2"))
                    .append(", \"id\": ").append(number(scale.id()))
                    .append(", \"error\": ").append(number(scale.error()))
                    .append(", \"scale\": ").append(number(scale.scale()))
                    .append(", \"points_used\": ").append(scale.pointsUsed()).append('}');
        }
        out.append(result.gride().isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"decimation\": [");
        for (int i = 0; i < result.decimation().size(); i++) {
            DecimationStep step = result.decimation().get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"size\": ").append(step.size())
                    .append(", \"subsets\": ").append(step.subsets())
                    .append(", \"id\": ").append(number(step.id()))
                    .append(", \"error\": ").append(number(step.error()))
                    .append(", \"scale\": ").append(number(step.scale())).append('}');
        }
        out.append(result.decimation().isEmpty() ? "],\n" : "\n  ],\n");
        boolean linear = result.linear() != null;
        out.append("  \"pca90\": ").append(linear ? Integer.toString(result.linear().pcaComponents()) : "null")
                .append(",\n");
        out.append("  \"pca_threshold\": ").append(linear ? number(result.linear().varianceThreshold()) : "null")
                .append(",\n");
        out.append("  \"participation_ratio\": ")
                .append(linear ? number(result.linear().participationRatio()) : "null").append('\n');
        return out.append("}\n").toString();
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d points x %d features, %d duplicate row(s) removed, "
                        + "%d neighbours per point%n", file, result.points(), result.dimensions(),
                result.duplicatesRemoved(), result.neighbours()));
        if (result.twoNn() != null) {
            out.append(String.format(Locale.ROOT, "TwoNN linear fit   %8.4f  (fraction %s, %d points)%n",
                    result.twoNn().id(), fraction, result.twoNn().pointsUsed()));
        }
        SubsampledEstimate subsampled = result.twoNnSubsampled();
        if (subsampled != null) {
            out.append(String.format(Locale.ROOT, "TwoNN subsampled   %8.4f +- %.4f  (%d subsamples of %d points)%n",
                    subsampled.id(), subsampled.error(), subsampled.repetitions().size(), subsampled.sampleSize()));
        }
        if (result.twoNnMle() != null) {
            TwoNnMleEstimate mle = result.twoNnMle();
            out.append(String.format(Locale.ROOT, "TwoNN MLE          %8.4f  (%.0f%% interval %.4f .. %.4f)%n",
                    mle.estimate().id(), 100.0 * (1.0 - alpha), mle.ciLow(), mle.ciHigh()));
        }
        if (!result.gride().isEmpty()) {
            out.append(String.format(Locale.ROOT, "GRIDE %5s %5s %10s %10s %12s%n", "n1", "n2", "id", "error",
                    "scale"));
            for (IdEstimate scale : result.gride()) {
                out.append(String.format(Locale.ROOT, "      %5s %5s %10.4f %10.4f %12.6g%n",
                        scale.parameters().get("n1"), scale.parameters().get("n2"), scale.id(), scale.error(),
                        scale.scale()));
            }
        }
        if (!result.decimation().isEmpty()) {
            out.append(String.format(Locale.ROOT, "Decimation %6s %7s %10s %10s %12s%n", "size", "subsets", "id",
                    "error", "scale"));
            for (DecimationStep step : result.decimation()) {
                out.append(String.format(Locale.ROOT, "           %6d %7d %10.4f %10.4f %12.6g%n", step.size(),
                        step.subsets(), step.id(), step.error(), step.scale()));
            }
        }
        if (result.linear() != null) {
            out.append(String.format(Locale.ROOT, "PC-ID (%.0f%% var.)  %8d%nparticipation ratio %8.4f%n",
                    100.0 * result.linear().varianceThreshold(), result.linear().pcaComponents(),
                    result.linear().participationRatio()));
        }
        return out.toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    private static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
