package org.prunedistill.launcher.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Measure;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.DecodingLevel;
import org.prunedistill.events.v1.DecodingMeasure;
import org.prunedistill.events.v1.DecodingTask;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.SourceRef;

/**
 * The console summary of a run: the TwoNN ID of every layer at every checkpoint (and of every area), then, between
 * the first and the last checkpoint, the change of each pruning and distillation measure per layer as results-api
 * judged it (* = beyond 2 SE), and the findings, each answer with the numbers behind it.
 */
public final class SummaryTable {

    private static final List<Column> CHANGES = List.of(
            new Column("I(R;L)", information(InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE)),
            new Column("I(R;L|O)", information(InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE_GIVEN_OBJECT)),
            new Column("I(R;C)", information(InformationQuantity.INFORMATION_QUANTITY_RF_CONTRAST)),
            new Column("f_high(L)", information(InformationQuantity.INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE)),
            new Column("I(R;O)/I(R;S)", information(InformationQuantity.INFORMATION_QUANTITY_INVARIANT_FRACTION)));
    private static final List<Column> DECODING = List.of(
            new Column("single-unit separability", decoding(DecodingTask.DECODING_TASK_SEPARABILITY, 1)),
            new Column("single-unit generalisation", decoding(DecodingTask.DECODING_TASK_GENERALISATION, 1)),
            new Column("population separability (6 units)", decoding(DecodingTask.DECODING_TASK_SEPARABILITY, 6)),
            new Column("population generalisation (6 units)",
                    decoding(DecodingTask.DECODING_TASK_GENERALISATION, 6)));

    /** A column of a change table: its header and the measure whose changes it lists. */
    private record Column(String header, Measure measure) {
    }

    private SummaryTable() {
    }

    public static String format(RunProfiles profiles) {
        String set = profiles.layers().isEmpty() ? "" : " on " + profiles.stimulusSet();
        StringBuilder out = new StringBuilder("Intrinsic dimension" + set + " (TwoNN; +- SD over subsamples)\n");
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
        String first = profiles.findings().getFirstCheckpoint();
        String last = profiles.findings().getLastCheckpoint();
        if (!first.isEmpty()) {
            changes(out, profiles, String.format(Locale.ROOT, "%nPruning and distillation%s, %s -> %s (medians "
                    + "over the included units, Panzeri-Treves corrected; * = beyond 2 SE)%n", set, first, last),
                    CHANGES, 24, first, last);
            changes(out, profiles, String.format(Locale.ROOT, "%nDecoding object pairs%s, %s -> %s (bits above "
                    + "chance; single units: medians, populations: means over resamplings; * = beyond 2 SE)%n", set,
                    first, last), DECODING, 36, null, null);
        }
        areasInformation(out, profiles);
        String sampling = DecodingSampling.describe(profiles);
        if (!sampling.isEmpty()) {
            out.append('\n').append(sampling).append('\n');
        }
        out.append("\nFindings\n");
        for (Findings.Statement finding : Findings.of(profiles.findings())) {
            out.append("- ").append(finding.question()).append(' ').append(finding.answer()).append('\n')
                    .append("  ").append(finding.evidence()).append('\n');
        }
        return out.toString();
    }

    /**
     * One row per layer with a change of any of the measures; nothing when none has one. With checkpoints, a last
     * column gives the units the I(R;L) medians counted at each: included of analysed (SCIENCE.md 4.7).
     */
    private static void changes(StringBuilder out, RunProfiles profiles, String title, List<Column> columns,
                                int width, String first, String last) {
        StringBuilder table = new StringBuilder(title);
        String cell = " %" + width + "s";
        table.append(String.format(Locale.ROOT, "%-14s", "layer"));
        columns.forEach(column -> table.append(String.format(Locale.ROOT, cell, column.header())));
        if (first != null) {
            table.append(String.format(Locale.ROOT, cell, "included units"));
        }
        table.append('\n');
        boolean rows = false;
        for (SourceRef layer : profiles.layers()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s", layer.getName()));
            boolean any = false;
            for (Column column : columns) {
                Optional<Change> change = profiles.trainingChange(layer, column.measure());
                any |= change.isPresent();
                row.append(String.format(Locale.ROOT, cell, change.map(SummaryTable::change).orElse("")));
            }
            if (any && first != null) {
                row.append(String.format(Locale.ROOT, cell, included(profiles, layer, first) + " -> "
                        + included(profiles, layer, last)));
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
        Map<Measure, String> measures = profiles.plottedMeasures();
        if (profiles.areas().isEmpty() || measures.isEmpty()) {
            return;
        }
        out.append("\nRecorded areas (medians over the included units, Panzeri-Treves corrected)\n");
        for (SourceRef area : profiles.areas()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s", area.getName()));
            profiles.information(area, "", CHANGES.get(0).measure()).ifPresent(p -> row.append(
                    String.format(Locale.ROOT, "  included %d/%d", p.getIncludedUnits(), p.getUnits())));
            measures.forEach((measure, name) -> profiles.information(area, "", measure).ifPresent(p -> row.append(
                    String.format(Locale.ROOT, "  %s %s", name, median(p)))));
            out.append(row).append('\n');
        }
    }

    /** Included of analysed units of the layer's I(R;L) median at the checkpoint; "-" without one. */
    private static String included(RunProfiles profiles, SourceRef layer, String checkpoint) {
        return profiles.information(layer, checkpoint, CHANGES.get(0).measure())
                .map(p -> p.getIncludedUnits() + "/" + p.getUnits()).orElse("-");
    }

    private static String change(Change c) {
        return String.format(Locale.ROOT, "%.3f -> %.3f%s", c.getBefore(), c.getAfter(),
                c.getHasError() && c.getSignificant() ? " *" : "  ");
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

    /** A Panzeri-Treves corrected information quantity. */
    static Measure information(InformationQuantity quantity) {
        return Measure.newBuilder().setQuantity(quantity).setCorrection(Correction.CORRECTION_PANZERI_TREVES).build();
    }

    /** Decoding in bits above chance, by single units (size 1) or pseudo-populations of {@code size} units. */
    static Measure decoding(DecodingTask task, int size) {
        return Measure.newBuilder().setTask(task).setLevel(size == 1 ? DecodingLevel.DECODING_LEVEL_SINGLE_UNIT
                        : DecodingLevel.DECODING_LEVEL_POPULATION).setPopulationSize(size)
                .setDecodingMeasure(DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE).build();
    }
}
