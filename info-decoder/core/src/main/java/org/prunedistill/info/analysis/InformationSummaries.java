package org.prunedistill.info.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.info.BootstrapMedian;
import org.prunedistill.info.PopulationDecoding;
import org.prunedistill.info.PopulationPerformance;
import org.prunedistill.info.Quartiles;
import org.prunedistill.info.SignificantShare;
import org.prunedistill.info.analysis.domain.ColumnLabels;
import org.prunedistill.info.analysis.domain.DecodingSummaries;
import org.prunedistill.info.analysis.domain.DecompositionSummary;
import org.prunedistill.info.analysis.domain.DecompositionSummary.Feature;
import org.prunedistill.info.analysis.domain.FilteredMedian;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.info.analysis.domain.InvariantSummary;
import org.prunedistill.info.analysis.domain.PerUnitSummaries;
import org.prunedistill.info.analysis.domain.PerUnitTable;
import org.prunedistill.info.analysis.domain.UnitInclusion;
import org.prunedistill.info.analysis.domain.UnitSelection;
import org.prunedistill.info.analysis.domain.WholeSetInformation;

/**
 * Summaries of one source's per-unit tables (SCIENCE.md 4.6, 4.7, 5): the median over the counted units (the unit
 * filter: included units, or all) with a defined value of every published column, with its bootstrap standard error
 * ({@link BootstrapMedian}, undefined units counted) and the median over every analysed unit beside it; the share of
 * units whose I(R;S) is significant (over every analysed unit: it is the informative share); and the population
 * table. Each summary draws its bootstrap from a generator seeded with the configured seed, in the order its columns
 * are listed, so a summary does not depend on the others.
 */
final class InformationSummaries {

    private InformationSummaries() {
    }

    /** The decompositions, the invariant information and the significant share. */
    static PerUnitSummaries perUnit(PaperQuantities.Computed computed, UnitSelection selection,
                                    UnitInclusion inclusion, InformationSettings settings) {
        PerUnitTable table = computed.table();
        Medians medians = new Medians(bootstrap(settings), inclusion.countedRows(), table);
        SplittableRandom invariantRandom = new SplittableRandom(settings.seed());
        InvariantSummary invariant = new InvariantSummary(
                medians.of(ColumnLabels.OBJECT_CORRECTED, invariantRandom),
                medians.of(ColumnLabels.STIMULUS_OVER_PAIRS_CORRECTED, invariantRandom),
                medians.of(ColumnLabels.INVARIANT_FRACTION, invariantRandom),
                medians.of(ColumnLabels.KEPT_PAIRS, invariantRandom));
        SignificantShare share = SignificantShare.of(table.column(ColumnLabels.P_VALUE), settings.significanceLevel());
        return new PerUnitSummaries(selection, inclusion, table,
                decomposition(medians, Feature.RF_LUMINANCE, settings),
                decomposition(medians, Feature.RF_CONTRAST, settings), invariant, share);
    }

    /** Medians of a table's columns over the counted rows, each with the unfiltered median beside it. */
    private record Medians(BootstrapMedian bootstrap, boolean[] counted, PerUnitTable table) {

        FilteredMedian of(String column, SplittableRandom random) {
            double[] values = table.column(column);
            double[] counted = IntStream.range(0, values.length).filter(row -> this.counted[row])
                    .mapToDouble(row -> values[row]).toArray();
            return new FilteredMedian(bootstrap.estimate(counted, random), Quartiles.of(values).median());
        }
    }

    /**
     * Quartiles of the whole-set values over the counted units, and the medians over every unit.
     *
     * @param plugin    per unit of the source, plug-in
     * @param corrected per unit of the source, Panzeri-Treves
     * @param counted   the units counted ({@link UnitInclusion#countedUnits})
     */
    static WholeSetInformation wholeSet(WholeSetInformation.Stimulus stimulus, double[] plugin, double[] corrected,
                                        int[] counted) {
        PerUnitTable table = new PerUnitTable(plugin.length, List.of(WholeSetInformation.PLUGIN,
                WholeSetInformation.CORRECTED));
        for (int unit = 0; unit < plugin.length; unit++) {
            table.set(WholeSetInformation.PLUGIN, unit, plugin[unit]);
            table.set(WholeSetInformation.CORRECTED, unit, corrected[unit]);
        }
        return new WholeSetInformation(stimulus, Quartiles.of(pick(plugin, counted)),
                Quartiles.of(pick(corrected, counted)), Quartiles.of(plugin).median(),
                Quartiles.of(corrected).median(), UnitSample.all(plugin.length), table);
    }

    private static double[] pick(double[] values, int[] units) {
        return Arrays.stream(units).mapToDouble(unit -> values[unit]).toArray();
    }

    /** Single units' medians and the population table. */
    static DecodingSummaries decoding(Decoding.Computed decoded, boolean byDefaultPosition, UnitSample singleUnits,
                                      UnitSample pool, InformationSettings settings) {
        PerUnitTable table = decoded.singleUnits();
        BootstrapMedian bootstrap = bootstrap(settings);
        SplittableRandom random = new SplittableRandom(settings.seed());
        DecodingSummaries.Scores separability = new DecodingSummaries.Scores(
                bootstrap.estimate(table.column(ColumnLabels.SINGLE_UNIT_SEPARABILITY + ColumnLabels.ABOVE_CHANCE),
                        random),
                bootstrap.estimate(table.column(ColumnLabels.SINGLE_UNIT_SEPARABILITY
                        + ColumnLabels.PERCENT_CORRECT), random));
        DecodingSummaries.Scores generalisation = new DecodingSummaries.Scores(
                bootstrap.estimate(table.column(ColumnLabels.SINGLE_UNIT_GENERALISATION
                        + ColumnLabels.ABOVE_CHANCE), random),
                bootstrap.estimate(table.column(ColumnLabels.SINGLE_UNIT_GENERALISATION
                        + ColumnLabels.PERCENT_CORRECT), random));
        DecodingSummaries.Population population = new DecodingSummaries.Population(pool, decoded.poolUnits(),
                decoded.poolConditions(), decoded.populationFolds(), decoded.populationPairs(), decoded.population(),
                populationTable(decoded.population()));
        return new DecodingSummaries(byDefaultPosition, singleUnits, table, separability, generalisation,
                population);
    }

    private static DecompositionSummary decomposition(Medians table, Feature feature, InformationSettings settings) {
        String x = feature.letter();
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<FilteredMedian> medians = java.util.stream.Stream.of(ColumnLabels.stimulus(x, ColumnLabels.PLUGIN),
                        ColumnLabels.stimulus(x, ColumnLabels.CORRECTED), ColumnLabels.feature(x, ColumnLabels.PLUGIN),
                        ColumnLabels.feature(x, ColumnLabels.CORRECTED), ColumnLabels.residual(x, ColumnLabels.PLUGIN),
                        ColumnLabels.residual(x, ColumnLabels.CORRECTED), ColumnLabels.highLevelFraction(x))
                .map(column -> table.of(column, random)).toList();
        boolean luminance = feature == Feature.RF_LUMINANCE;
        FilteredMedian withinPlugin = luminance
                ? table.of(ColumnLabels.luminanceWithinObject(ColumnLabels.PLUGIN), random) : null;
        FilteredMedian withinCorrected = luminance
                ? table.of(ColumnLabels.luminanceWithinObject(ColumnLabels.CORRECTED), random) : null;
        return new DecompositionSummary(feature, medians.get(0), medians.get(1), medians.get(2), medians.get(3),
                medians.get(4), medians.get(5), medians.get(6), withinPlugin, withinCorrected);
    }

    /** One row per pseudo-population size, {@link DecodingSummaries.Population#COLUMNS}. */
    private static PerUnitTable populationTable(List<PopulationDecoding> sizes) {
        PerUnitTable table = new PerUnitTable(sizes.size(), DecodingSummaries.Population.COLUMNS);
        List<String> columns = DecodingSummaries.Population.COLUMNS;
        for (int row = 0; row < sizes.size(); row++) {
            PopulationPerformance separability = sizes.get(row).separability();
            PopulationPerformance generalisation = sizes.get(row).generalisation();
            double[] cells = {separability.units(), separability.resamplings(), separability.bits(),
                    separability.chanceBits(), separability.bitsAboveChance(), separability.bitsAboveChanceSd(),
                    separability.percentCorrect(), separability.percentCorrectSd(), generalisation.bits(),
                    generalisation.chanceBits(), generalisation.bitsAboveChance(),
                    generalisation.bitsAboveChanceSd(), generalisation.percentCorrect(),
                    generalisation.percentCorrectSd()};
            for (int c = 0; c < cells.length; c++) {
                table.set(columns.get(c), row, cells[c]);
            }
        }
        return table;
    }

    private static BootstrapMedian bootstrap(InformationSettings settings) {
        return BootstrapMedian.withDefaults().withResamples(settings.bootstrapResamples());
    }
}
