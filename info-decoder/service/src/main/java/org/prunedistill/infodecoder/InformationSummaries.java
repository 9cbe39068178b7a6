package org.prunedistill.infodecoder;

import java.util.List;
import java.util.SplittableRandom;
import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.info.BootstrapMedian;
import org.prunedistill.info.MedianEstimate;
import org.prunedistill.info.PopulationDecoding;
import org.prunedistill.info.PopulationPerformance;
import org.prunedistill.info.SignificantShare;
import org.prunedistill.infodecoder.domain.ColumnLabels;
import org.prunedistill.infodecoder.domain.DecodingSummaries;
import org.prunedistill.infodecoder.domain.DecompositionSummary.Feature;
import org.prunedistill.infodecoder.domain.DecompositionSummary;
import org.prunedistill.infodecoder.domain.InformationSettings;
import org.prunedistill.infodecoder.domain.InvariantSummary;
import org.prunedistill.infodecoder.domain.PerUnitSummaries;
import org.prunedistill.infodecoder.domain.PerUnitTable;
import org.prunedistill.infodecoder.domain.UnitSelection;

/**
 * Summaries of one source's per-unit tables (SCIENCE.md 4.6, 5): the median over the defined units of every published
 * column with its bootstrap standard error ({@link BootstrapMedian}, undefined units counted), the share of units
 * whose I(R;S) is significant, and the population table. Each summary draws its bootstrap from a generator seeded
 * with the configured seed, in the order its columns are listed, so a summary does not depend on the others.
 */
final class InformationSummaries {

    private InformationSummaries() {
    }

    /** The decompositions, the invariant information and the significant share. */
    static PerUnitSummaries perUnit(PaperQuantities.Computed computed, UnitSelection selection,
                                    InformationSettings settings) {
        PerUnitTable table = computed.table();
        BootstrapMedian bootstrap = bootstrap(settings);
        SplittableRandom invariantRandom = new SplittableRandom(settings.seed());
        InvariantSummary invariant = new InvariantSummary(
                bootstrap.estimate(table.column(ColumnLabels.OBJECT_CORRECTED), invariantRandom),
                bootstrap.estimate(table.column(ColumnLabels.STIMULUS_OVER_PAIRS_CORRECTED), invariantRandom),
                bootstrap.estimate(table.column(ColumnLabels.INVARIANT_FRACTION), invariantRandom),
                bootstrap.estimate(table.column(ColumnLabels.KEPT_PAIRS), invariantRandom));
        SignificantShare share = SignificantShare.of(table.column(ColumnLabels.P_VALUE), settings.significanceLevel());
        return new PerUnitSummaries(selection, table, decomposition(table, Feature.RF_LUMINANCE, bootstrap, settings),
                decomposition(table, Feature.RF_CONTRAST, bootstrap, settings), invariant, share);
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

    private static DecompositionSummary decomposition(PerUnitTable table, Feature feature, BootstrapMedian bootstrap,
                                                      InformationSettings settings) {
        String x = feature.letter();
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<MedianEstimate> medians = java.util.stream.Stream.of(ColumnLabels.stimulus(ColumnLabels.PLUGIN),
                        ColumnLabels.stimulus(ColumnLabels.CORRECTED), ColumnLabels.feature(x, ColumnLabels.PLUGIN),
                        ColumnLabels.feature(x, ColumnLabels.CORRECTED), ColumnLabels.residual(x, ColumnLabels.PLUGIN),
                        ColumnLabels.residual(x, ColumnLabels.CORRECTED), ColumnLabels.highLevelFraction(x))
                .map(column -> bootstrap.estimate(table.column(column), random)).toList();
        return new DecompositionSummary(feature, medians.get(0), medians.get(1), medians.get(2), medians.get(3),
                medians.get(4), medians.get(5), medians.get(6));
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
