package org.prunedistill.launcher.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.events.v1.SourceRef;

/**
 * The console summary of a run: the TwoNN ID of every layer at every checkpoint (and of every area), then, between
 * the first and the last checkpoint, the change of each pruning and distillation quantity per layer, and the
 * findings in one line each.
 */
public final class SummaryTable {

    private static final List<String> CHANGES = List.of(Findings.LUMINANCE, Findings.CONTRAST, Findings.F_HIGH,
            Findings.INVARIANT_FRACTION);
    private static final List<String> DECODING = List.of(Findings.SINGLE_UNIT_SEPARABILITY,
            Findings.SINGLE_UNIT_GENERALISATION, Findings.POPULATION_SEPARABILITY, Findings.POPULATION_GENERALISATION);

    private SummaryTable() {
    }

    public static String format(RunProfiles profiles) {
        StringBuilder out = new StringBuilder("Intrinsic dimension (TwoNN; +- SD over subsamples)\n");
        List<String> checkpoints = profiles.checkpoints();
        out.append(String.format(Locale.ROOT, "%-14s %5s", "source", "depth"));
        for (String checkpoint : checkpoints.isEmpty() ? List.of("") : checkpoints) {
            out.append(String.format(Locale.ROOT, " %15s", checkpoint));
        }
        out.append('\n');
        for (SourceRef layer : profiles.layers()) {
            out.append(String.format(Locale.ROOT, "%-14s %5.2f", layer.getName(), layer.getRelativeDepth()));
            for (String checkpoint : checkpoints) {
                out.append(String.format(Locale.ROOT, " %15s", id(profiles.id(layer, checkpoint,
                        RunProfiles.TWO_NN))));
            }
            out.append('\n');
        }
        for (SourceRef area : profiles.areas()) {
            out.append(String.format(Locale.ROOT, "%-14s %5.2f %15s  (recorded area)%n", area.getName(),
                    area.getRelativeDepth(), id(profiles.id(area, "", RunProfiles.TWO_NN))));
        }
        if (checkpoints.size() >= 2) {
            String first = checkpoints.get(0);
            String last = checkpoints.get(checkpoints.size() - 1);
            changes(out, profiles, String.format(Locale.ROOT, "%nPruning and distillation, %s -> %s (medians over "
                    + "units, Panzeri-Treves corrected; * = beyond 2 SE)%n", first, last), CHANGES, 24);
            changes(out, profiles, String.format(Locale.ROOT, "%nDecoding object pairs, %s -> %s (bits above chance;"
                    + " single units: medians, populations: means over resamplings; * = beyond 2 SE)%n", first, last),
                    DECODING, 36);
        }
        areasInformation(out, profiles);
        out.append("\nFindings\n");
        for (Findings.Finding finding : Findings.of(profiles)) {
            out.append("- ").append(finding.question()).append(' ').append(finding.answer()).append('\n');
        }
        return out.toString();
    }

    /** One row per layer with a change of any of the quantities; nothing when none has one. */
    private static void changes(StringBuilder out, RunProfiles profiles, String title, List<String> quantities,
            int width) {
        StringBuilder table = new StringBuilder(title);
        String cell = " %" + width + "s";
        table.append(String.format(Locale.ROOT, "%-14s", "layer"));
        quantities.forEach(quantity -> table.append(String.format(Locale.ROOT, cell, quantity)));
        table.append('\n');
        boolean rows = false;
        for (SourceRef layer : profiles.layers()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s", layer.getName()));
            boolean any = false;
            for (String quantity : quantities) {
                Optional<Findings.Change> change = Findings.changes(profiles, quantity, 1).stream()
                        .filter(c -> c.layer().getName().equals(layer.getName())).findFirst();
                any |= change.isPresent();
                row.append(String.format(Locale.ROOT, cell, change.map(SummaryTable::change).orElse("")));
            }
            if (any) {
                table.append(row.toString().stripTrailing()).append('\n');
                rows = true;
            }
        }
        if (rows) {
            out.append(table);
        }
    }

    private static void areasInformation(StringBuilder out, RunProfiles profiles) {
        if (profiles.areas().isEmpty() || profiles.quantities().isEmpty()) {
            return;
        }
        out.append("\nRecorded areas (medians over units, Panzeri-Treves corrected)\n");
        for (SourceRef area : profiles.areas()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s", area.getName()));
            for (String quantity : profiles.quantities()) {
                profiles.information(area, "", quantity).ifPresent(p -> row.append(String.format(Locale.ROOT,
                        "  %s %s", quantity, median(p))));
            }
            out.append(row).append('\n');
        }
    }

    private static String change(Findings.Change c) {
        return String.format(Locale.ROOT, "%.3f -> %.3f%s", c.before(), c.after(), c.significant() ? " *" : "  ");
    }

    private static String median(InformationPoint p) {
        return p.getHasMedianError() ? String.format(Locale.ROOT, "%.3f +- %.3f", p.getMedian(), p.getMedianError())
                : String.format(Locale.ROOT, "%.3f", p.getMedian());
    }

    private static String id(Optional<IdPoint> point) {
        if (point.isEmpty()) {
            return "-";
        }
        IdPoint p = point.get();
        return p.getHasError() ? String.format(Locale.ROOT, "%.2f +- %.2f", p.getId(), p.getError())
                : String.format(Locale.ROOT, "%.2f", p.getId());
    }
}
