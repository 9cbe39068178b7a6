package org.prunedistill.infodecoder.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Estimate;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.info.BootstrapMedian;
import org.prunedistill.info.PopulationDecoding;
import org.prunedistill.info.PopulationPerformance;
import org.prunedistill.infodecoder.config.InfoDecoderConfig;
import org.prunedistill.infodecoder.domain.PerUnitTable;

/**
 * Decoding of one source as two results (SCIENCE.md 5). {@code single-unit-decoding}: per decoded unit its mean over
 * object pairs of separability and generalisation (bits above chance, percent correct), summarised as medians with
 * bootstrap standard errors ({@code <quantity>.above-chance.median}, {@code <quantity>.percent-correct.median}).
 * {@code population-decoding}: per pseudo-population size, mean and SD over resamplings
 * ({@code population <separability|generalisation> (<n> units).above-chance.mean}, error = SD); its table has one
 * row per size.
 */
public final class DecodingResultMapping {

    public static final String SINGLE_UNIT = "single-unit-decoding";
    public static final String POPULATION = "population-decoding";
    /** Columns of the population table, in order. */
    public static final List<String> POPULATION_COLUMNS = List.of("units", "resamplings",
            "separability.bits", "separability.chance_bits", "separability.above_chance",
            "separability.above_chance_sd", "separability.percent_correct", "separability.percent_correct_sd",
            "generalisation.bits", "generalisation.chance_bits", "generalisation.above_chance",
            "generalisation.above_chance_sd", "generalisation.percent_correct", "generalisation.percent_correct_sd");

    private DecodingResultMapping() {
    }

    /**
     * The two results.
     *
     * @param singleUnits  per-unit table; its columns from the fourth on are the decoding performances
     * @param valueColumns the performance columns of {@code singleUnits}, named {@code <quantity>.above-chance} or
     *                     {@code <quantity>.percent-correct}
     * @param common       parameters of both results (settings, views, sampling)
     * @param pairs        object pairs of the population decoding
     */
    public static List<AnalysisResult> toResults(SourceManifest manifest, PerUnitTable singleUnits,
            List<String> valueColumns, List<PopulationDecoding> population, List<int[]> pairs,
            Map<String, String> common, InfoDecoderConfig config, ObjectStore store) {
        BootstrapMedian bootstrap = BootstrapMedian.withDefaults().withResamples(config.bootstrapResamples());
        SplittableRandom random = new SplittableRandom(config.seed());
        List<Estimate> values = new ArrayList<>();
        values.add(PaperResultMapping.count("units", singleUnits.rows()));
        for (String column : valueColumns) {
            values.addAll(PaperResultMapping.medians(singleUnits, column,
                    column.endsWith(".above-chance") ? "bits" : "percent", bootstrap, random));
        }
        Map<String, String> single = new TreeMap<>(common);
        single.put("decoder", "gaussian class models, threshold at log posterior ratio 0");
        single.put("unit_value", "mean over the unit's decoded pairs (NaN without a pair passing the threshold)");
        List<AnalysisResult> results = new ArrayList<>();
        results.add(ResultMapping.toPerUnitResult(manifest, SINGLE_UNIT, single,
                singleUnits.rowMajor(singleUnits.names()), singleUnits.rows(), singleUnits.names(), values, store));

        Map<String, String> populationParameters = new TreeMap<>(common);
        populationParameters.put("classifier", "linear SVM, C = 1, features z-scored on the training rows");
        populationParameters.put("population_pairs", pairs.stream().map(p -> p[0] + "-" + p[1])
                .collect(Collectors.joining(",")));
        float[] table = new float[population.size() * POPULATION_COLUMNS.size()];
        List<Estimate> populationValues = new ArrayList<>();
        for (int row = 0; row < population.size(); row++) {
            PopulationPerformance separability = population.get(row).separability();
            PopulationPerformance generalisation = population.get(row).generalisation();
            double[] cells = {separability.units(), separability.resamplings(), separability.bits(),
                    separability.chanceBits(), separability.bitsAboveChance(), separability.bitsAboveChanceSd(),
                    separability.percentCorrect(), separability.percentCorrectSd(), generalisation.bits(),
                    generalisation.chanceBits(), generalisation.bitsAboveChance(),
                    generalisation.bitsAboveChanceSd(), generalisation.percentCorrect(),
                    generalisation.percentCorrectSd()};
            for (int c = 0; c < cells.length; c++) {
                table[row * cells.length + c] = (float) cells[c];
            }
            populationValues.addAll(summary("separability", separability));
            populationValues.addAll(summary("generalisation", generalisation));
        }
        results.add(ResultMapping.toPerUnitResult(manifest, POPULATION, populationParameters, table,
                population.size(), POPULATION_COLUMNS, populationValues, store));
        return results;
    }

    private static List<Estimate> summary(String task, PopulationPerformance performance) {
        String quantity = "population " + task + " (" + performance.units() + " units)";
        return List.of(mean(quantity + ".above-chance.mean", performance.bitsAboveChance(),
                        performance.bitsAboveChanceSd(), "bits"),
                mean(quantity + ".percent-correct.mean", performance.percentCorrect(),
                        performance.percentCorrectSd(), "percent"));
    }

    private static Estimate mean(String name, double value, double sd, String unit) {
        Estimate.Builder estimate = Estimate.newBuilder().setName(name).setValue(value).setUnit(unit);
        if (!Double.isNaN(sd)) {
            estimate.setError(sd);
        }
        return estimate.build();
    }
}
