package org.prunedistill.infodecoder.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.DecodingMeasure;
import org.prunedistill.events.v1.DecodingTask;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.PerUnitColumn;
import org.prunedistill.events.v1.PerUnitColumnKind;
import org.prunedistill.events.v1.ValueUnit;
import org.prunedistill.info.analysis.domain.ColumnLabels;
import org.prunedistill.info.analysis.domain.DecodingSummaries;
import org.prunedistill.info.analysis.domain.DecompositionSummary.Feature;
import org.prunedistill.info.analysis.domain.WholeSetInformation;

/** The typed columns of every per-unit table the info-decoder publishes, labelled as the analysis names them. */
final class Columns {

    private static final List<DecodingTask> TASKS = List.of(DecodingTask.DECODING_TASK_SEPARABILITY,
            DecodingTask.DECODING_TASK_GENERALISATION);

    private Columns() {
    }

    static List<PerUnitColumn> wholeSet(InformationQuantity quantity) {
        return List.of(information(WholeSetInformation.PLUGIN, quantity, Correction.CORRECTION_PLUGIN),
                information(WholeSetInformation.CORRECTED, quantity, Correction.CORRECTION_PANZERI_TREVES));
    }

    static List<PerUnitColumn> decomposition(Feature feature) {
        String x = feature.letter();
        boolean luminance = feature == Feature.RF_LUMINANCE;
        List<PerUnitColumn> columns = new ArrayList<>(List.of(unit(), conditions()));
        if (!luminance) {
            columns.add(column(ColumnLabels.COVERED_CONDITIONS,
                    PerUnitColumnKind.PER_UNIT_COLUMN_KIND_COVERED_CONDITIONS,
                    ValueUnit.VALUE_UNIT_COUNT));
        }
        columns.addAll(bothCorrections(c -> ColumnLabels.stimulus(x, c),
                InformationQuantity.INFORMATION_QUANTITY_STIMULUS));
        columns.addAll(bothCorrections(c -> ColumnLabels.feature(x, c), luminance
                ? InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE
                : InformationQuantity.INFORMATION_QUANTITY_RF_CONTRAST));
        columns.addAll(bothCorrections(c -> ColumnLabels.residual(x, c), luminance
                ? InformationQuantity.INFORMATION_QUANTITY_STIMULUS_GIVEN_RF_LUMINANCE
                : InformationQuantity.INFORMATION_QUANTITY_STIMULUS_GIVEN_RF_CONTRAST));
        columns.add(fraction(ColumnLabels.highLevelFraction(x), luminance
                ? InformationQuantity.INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE
                : InformationQuantity.INFORMATION_QUANTITY_F_HIGH_RF_CONTRAST));
        if (luminance) {
            columns.addAll(bothCorrections(ColumnLabels::luminanceWithinObject,
                    InformationQuantity.INFORMATION_QUANTITY_RF_LUMINANCE_GIVEN_OBJECT));
        }
        columns.addAll(inclusion());
        return columns;
    }

    /** SCIENCE.md 4.7: the unit's largest object coverage and whether it is responsive, informative, included. */
    static List<PerUnitColumn> inclusion() {
        return List.of(
                column(ColumnLabels.MAX_OBJECT_COVERAGE, PerUnitColumnKind.PER_UNIT_COLUMN_KIND_MAX_OBJECT_COVERAGE,
                        ValueUnit.VALUE_UNIT_FRACTION),
                column(ColumnLabels.RESPONSIVE, PerUnitColumnKind.PER_UNIT_COLUMN_KIND_RESPONSIVE,
                        ValueUnit.VALUE_UNIT_FLAG),
                column(ColumnLabels.INFORMATIVE, PerUnitColumnKind.PER_UNIT_COLUMN_KIND_INFORMATIVE,
                        ValueUnit.VALUE_UNIT_FLAG),
                column(ColumnLabels.INCLUDED, PerUnitColumnKind.PER_UNIT_COLUMN_KIND_INCLUDED,
                        ValueUnit.VALUE_UNIT_FLAG));
    }

    static List<PerUnitColumn> invariant() {
        List<PerUnitColumn> columns = new ArrayList<>(List.of(unit(), conditions(),
                column(ColumnLabels.KEPT_PAIRS, PerUnitColumnKind.PER_UNIT_COLUMN_KIND_INFORMATION,
                        ValueUnit.VALUE_UNIT_COUNT).toBuilder()
                        .setQuantity(InformationQuantity.INFORMATION_QUANTITY_KEPT_PAIRS)
                        .setCorrection(Correction.CORRECTION_NONE).build(),
                information(ColumnLabels.OBJECT_CORRECTED, InformationQuantity.INFORMATION_QUANTITY_INVARIANT_OBJECT,
                        Correction.CORRECTION_PANZERI_TREVES),
                information(ColumnLabels.STIMULUS_OVER_PAIRS_CORRECTED,
                        InformationQuantity.INFORMATION_QUANTITY_STIMULUS_OVER_PAIRS,
                        Correction.CORRECTION_PANZERI_TREVES),
                fraction(ColumnLabels.INVARIANT_FRACTION,
                        InformationQuantity.INFORMATION_QUANTITY_INVARIANT_FRACTION)));
        columns.addAll(inclusion());
        return columns;
    }

    static List<PerUnitColumn> significance() {
        List<PerUnitColumn> columns = new ArrayList<>(List.of(unit(), conditions(),
                information(ColumnLabels.stimulus(ColumnLabels.PLUGIN),
                        InformationQuantity.INFORMATION_QUANTITY_STIMULUS, Correction.CORRECTION_PLUGIN),
                column(ColumnLabels.P_VALUE, PerUnitColumnKind.PER_UNIT_COLUMN_KIND_P_VALUE,
                        ValueUnit.VALUE_UNIT_PROBABILITY)));
        columns.addAll(inclusion());
        return columns;
    }

    static List<PerUnitColumn> singleUnitDecoding() {
        List<PerUnitColumn> columns = new ArrayList<>(List.of(unit(), conditions(),
                column(ColumnLabels.DECODED_PAIRS, PerUnitColumnKind.PER_UNIT_COLUMN_KIND_DECODED_PAIRS,
                        ValueUnit.VALUE_UNIT_COUNT)));
        for (DecodingTask task : TASKS) {
            String name = task == DecodingTask.DECODING_TASK_SEPARABILITY ? ColumnLabels.SINGLE_UNIT_SEPARABILITY
                    : ColumnLabels.SINGLE_UNIT_GENERALISATION;
            columns.add(decoding(name + ColumnLabels.ABOVE_CHANCE, task,
                    DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE, false));
            columns.add(decoding(name + ColumnLabels.PERCENT_CORRECT, task,
                    DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT, false));
        }
        return columns;
    }

    /** {@link DecodingSummaries.Population#COLUMNS}, typed, in that order. */
    static List<PerUnitColumn> populationDecoding() {
        List<String> labels = DecodingSummaries.Population.COLUMNS;
        List<PerUnitColumn> columns = new ArrayList<>(List.of(
                column(labels.get(0), PerUnitColumnKind.PER_UNIT_COLUMN_KIND_POPULATION_SIZE,
                        ValueUnit.VALUE_UNIT_COUNT),
                column(labels.get(1), PerUnitColumnKind.PER_UNIT_COLUMN_KIND_RESAMPLINGS,
                        ValueUnit.VALUE_UNIT_COUNT)));
        int label = 2;
        for (DecodingTask task : TASKS) {
            columns.add(decoding(labels.get(label++), task, DecodingMeasure.DECODING_MEASURE_BITS, false));
            columns.add(decoding(labels.get(label++), task, DecodingMeasure.DECODING_MEASURE_CHANCE_BITS, false));
            columns.add(decoding(labels.get(label++), task, DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE, false));
            columns.add(decoding(labels.get(label++), task, DecodingMeasure.DECODING_MEASURE_ABOVE_CHANCE, true));
            columns.add(decoding(labels.get(label++), task, DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT, false));
            columns.add(decoding(labels.get(label++), task, DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT, true));
        }
        return columns;
    }

    private static List<PerUnitColumn> bothCorrections(UnaryOperator<String> label, InformationQuantity quantity) {
        return List.of(information(label.apply(ColumnLabels.PLUGIN), quantity, Correction.CORRECTION_PLUGIN),
                information(label.apply(ColumnLabels.CORRECTED), quantity, Correction.CORRECTION_PANZERI_TREVES));
    }

    private static PerUnitColumn unit() {
        return column(ColumnLabels.UNIT, PerUnitColumnKind.PER_UNIT_COLUMN_KIND_UNIT, ValueUnit.VALUE_UNIT_INDEX);
    }

    private static PerUnitColumn conditions() {
        return column(ColumnLabels.CONDITIONS, PerUnitColumnKind.PER_UNIT_COLUMN_KIND_CONDITIONS,
                ValueUnit.VALUE_UNIT_COUNT);
    }

    private static PerUnitColumn information(String label, InformationQuantity quantity, Correction correction) {
        return column(label, PerUnitColumnKind.PER_UNIT_COLUMN_KIND_INFORMATION, ValueUnit.VALUE_UNIT_BITS)
                .toBuilder().setQuantity(quantity).setCorrection(correction).build();
    }

    /** A fraction of Panzeri-Treves corrected terms. */
    private static PerUnitColumn fraction(String label, InformationQuantity quantity) {
        return information(label, quantity, Correction.CORRECTION_PANZERI_TREVES).toBuilder()
                .setUnit(ValueUnit.VALUE_UNIT_FRACTION).build();
    }

    private static PerUnitColumn decoding(String label, DecodingTask task, DecodingMeasure measure, boolean spread) {
        ValueUnit unit = measure == DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT ? ValueUnit.VALUE_UNIT_PERCENT
                : ValueUnit.VALUE_UNIT_BITS;
        return column(label, PerUnitColumnKind.PER_UNIT_COLUMN_KIND_DECODING, unit).toBuilder().setTask(task)
                .setMeasure(measure).setSpread(spread).build();
    }

    private static PerUnitColumn column(String label, PerUnitColumnKind kind, ValueUnit unit) {
        return PerUnitColumn.newBuilder().setLabel(label).setKind(kind).setUnit(unit).build();
    }
}
