package org.prunedistill.launcher.offline;

import java.util.List;
import java.util.Locale;
import org.prunedistill.info.UnitInformation;
import org.prunedistill.info.UnitInformationEstimator;

/**
 * What {@code ./pd info} prints: per unit the estimates in bits, the bin counts and the p-value, with the settings
 * that produced them. JSON numbers keep full double precision (values are compared with reference
 * implementations); a value that was not computed (NaN) is {@code null}.
 */
record InfoReport(UnitInformationEstimator estimator, String binning, int trials, List<UnitInformation> units) {

    String json() {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"settings\": {\"binning\": \"").append(binning).append("\", \"bins\": ")
                .append(estimator.bins()).append(", \"shuffles\": ").append(estimator.shuffles())
                .append(", \"permutations\": ").append(estimator.permutations())
                .append(", \"qe_permutations\": ").append(estimator.quadraticPermutations())
                .append(", \"seed\": ").append(estimator.seed()).append(", \"trials\": ").append(trials)
                .append(", \"units\": ").append(units.size()).append("},\n");
        out.append("  \"units\": [\n");
        for (int u = 0; u < units.size(); u++) {
            UnitInformation unit = units.get(u);
            out.append("    {\"unit\": ").append(u)
                    .append(", \"plugin\": ").append(number(unit.pluginBits()))
                    .append(", \"pt\": ").append(number(unit.panzeriTrevesBits()))
                    .append(", \"qe\": ").append(number(unit.quadraticExtrapolationBits()))
                    .append(", \"shuffle_subtracted\": ").append(number(unit.shuffleSubtractedBits()))
                    .append(", \"bins\": ").append(counts(unit.binCounts()))
                    .append(", \"p_value\": ").append(number(unit.pValue()))
                    .append(u < units.size() - 1 ? "},\n" : "}\n");
        }
        return out.append("  ]\n}\n").toString();
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d trials, %d unit(s); binning %s, %d bins; %d shuffles, "
                        + "%d permutations, %d QE re-orderings, seed %d; information in bits%n", trials,
                units.size(), binning, estimator.bins(), estimator.shuffles(), estimator.permutations(),
                estimator.quadraticPermutations(), estimator.seed()));
        out.append(String.format(Locale.ROOT, "%6s %10s %10s %10s %10s %9s  %s%n", "unit", "plugin", "pt", "qe",
                "shuffle", "p_value", "bins"));
        for (int u = 0; u < units.size(); u++) {
            UnitInformation unit = units.get(u);
            out.append(String.format(Locale.ROOT, "%6d %10.4f %10.4f %10.4f %10.4f %9.4f  %s%n", u,
                    unit.pluginBits(), unit.panzeriTrevesBits(), unit.quadraticExtrapolationBits(),
                    unit.shuffleSubtractedBits(), unit.pValue(), counts(unit.binCounts())));
        }
        return out.toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    private static String counts(int[] counts) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < counts.length; i++) {
            out.append(i == 0 ? "" : ", ").append(counts[i]);
        }
        return out.append(']').toString();
    }
}
