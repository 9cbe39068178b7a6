package org.prunedistill.infodecoder.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Estimate;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.info.BootstrapMedian;
import org.prunedistill.info.MedianEstimate;
import org.prunedistill.info.SignificantShare;
import org.prunedistill.infodecoder.config.InfoDecoderConfig;
import org.prunedistill.infodecoder.domain.PerUnitTable;

/**
 * The per-unit paper quantities of one source as four results (SCIENCE.md 4.3-4.6): {@code luminance-decomposition},
 * {@code contrast-decomposition}, {@code invariant-object-information} and {@code significance}. Each summary value
 * is the median over the analysed units with its bootstrap standard error as the {@link Estimate} error (NaN units
 * left out and counted in {@code <name>.undefined}); each result carries its per-unit columns as a claim check.
 * The summaries are named {@code <quantity>.median}, never {@code plugin.median}/{@code panzeri-treves.median}, so
 * they stay apart from the quartile results of I(R;object) and I(R;luminance).
 */
public final class PaperResultMapping {

    public static final String LUMINANCE_DECOMPOSITION = "luminance-decomposition";
    public static final String CONTRAST_DECOMPOSITION = "contrast-decomposition";
    public static final String INVARIANT_INFORMATION = "invariant-object-information";
    public static final String SIGNIFICANCE = "significance";
    private static final String BITS = "bits";
    private static final String FRACTION = "fraction";
    private static final String UNITS = "units";

    private PaperResultMapping() {
    }

    /**
     * The four results.
     *
     * @param table       per-unit columns named as {@code PaperQuantities} fills them
     * @param common      parameters shared by the four results (selection, RF map, binning, sampling, bootstrap)
     * @param featureBins feature bins of the decomposition actually used
     */
    public static List<AnalysisResult> toResults(SourceManifest manifest, PerUnitTable table,
            Map<String, String> common, int featureBins, InfoDecoderConfig config, ObjectStore store) {
        BootstrapMedian bootstrap = BootstrapMedian.withDefaults().withResamples(config.bootstrapResamples());
        List<AnalysisResult> results = new ArrayList<>();
        results.add(decomposition(manifest, table, common, featureBins, "L", "rf-luminance",
                LUMINANCE_DECOMPOSITION, bootstrap, config, store));
        results.add(decomposition(manifest, table, common, featureBins, "C", "rf-contrast",
                CONTRAST_DECOMPOSITION, bootstrap, config, store));

        Map<String, String> invariant = new TreeMap<>(common);
        invariant.put("luminance_ratio_threshold", Double.toString(config.luminanceRatioThreshold()));
        invariant.put("pair_average", "mean I_PT(R;O) / mean I_PT(R;S) over kept pairs");
        List<String> invariantColumns = List.of("unit", "conditions", "kept_pairs", "I(R;O).pt", "I(R;S).pairs.pt",
                "I(R;O)/I(R;S)");
        SplittableRandom random = new SplittableRandom(config.seed());
        List<Estimate> invariantValues = new ArrayList<>();
        invariantValues.add(count(UNITS, table.rows()));
        invariantValues.addAll(medians(table, "I(R;O).pt", BITS, bootstrap, random));
        invariantValues.addAll(medians(table, "I(R;S).pairs.pt", BITS, bootstrap, random));
        invariantValues.addAll(medians(table, "I(R;O)/I(R;S)", FRACTION, bootstrap, random));
        invariantValues.addAll(medians(table, "kept_pairs", "pairs", bootstrap, random));
        results.add(ResultMapping.toPerUnitResult(manifest, INVARIANT_INFORMATION, invariant,
                table.rowMajor(invariantColumns), table.rows(), invariantColumns, invariantValues, store));

        Map<String, String> significance = new TreeMap<>(common);
        significance.put("permutations", Integer.toString(config.permutations()));
        significance.put("statistic", "plug-in I(R;S) over the unit's conditions");
        significance.put("significance_level", Double.toString(config.significanceLevel()));
        significance.put("p_value", "(1 + #null >= observed) / (1 + permutations)");
        List<String> significanceColumns = List.of("unit", "conditions", "I(R;S).plugin", "p_value");
        SignificantShare share = SignificantShare.of(table.column("p_value"), config.significanceLevel());
        List<Estimate> significanceValues = new ArrayList<>();
        significanceValues.add(count(UNITS, table.rows()));
        Estimate.Builder shareValue = Estimate.newBuilder().setName("significant_share").setValue(share.share())
                .setUnit(FRACTION);
        if (share.tested() > 0) {
            shareValue.setError(Math.sqrt(share.share() * (1 - share.share()) / share.tested()));
        }
        significanceValues.add(shareValue.build());
        significanceValues.add(count("significant", share.significant()));
        significanceValues.add(count("tested", share.tested()));
        results.add(ResultMapping.toPerUnitResult(manifest, SIGNIFICANCE, significance,
                table.rowMajor(significanceColumns), table.rows(), significanceColumns, significanceValues, store));
        return results;
    }

    private static AnalysisResult decomposition(SourceManifest manifest, PerUnitTable table,
            Map<String, String> common, int featureBins, String feature, String featureName, String estimator,
            BootstrapMedian bootstrap, InfoDecoderConfig config, ObjectStore store) {
        Map<String, String> parameters = new TreeMap<>(common);
        parameters.put("feature", featureName);
        parameters.put("feature_bins", Integer.toString(featureBins));
        parameters.put("feature_binning", "equipopulated over the unit's conditions");
        parameters.put("f_high", "I_PT(R;S'|" + feature + ") / I_PT(R;S), NaN when I_PT(R;S) <= 0");
        List<String> bitColumns = List.of("I(R;S).plugin", "I(R;S).pt", "I(R;" + feature + ").plugin",
                "I(R;" + feature + ").pt", "I(R;S'|" + feature + ").plugin", "I(R;S'|" + feature + ").pt");
        String fraction = "f_high(" + feature + ")";
        List<String> columns = new ArrayList<>(List.of("unit", "conditions"));
        columns.addAll(bitColumns);
        columns.add(fraction);
        SplittableRandom random = new SplittableRandom(config.seed());
        List<Estimate> values = new ArrayList<>();
        values.add(count(UNITS, table.rows()));
        for (String column : bitColumns) {
            values.addAll(medians(table, column, BITS, bootstrap, random));
        }
        values.addAll(medians(table, fraction, FRACTION, bootstrap, random));
        return ResultMapping.toPerUnitResult(manifest, estimator, parameters, table.rowMajor(columns), table.rows(),
                columns, values, store);
    }

    /** {@code <column>.median} with its bootstrap SE, and {@code <column>.undefined} (units left out as NaN). */
    static List<Estimate> medians(PerUnitTable table, String column, String unit, BootstrapMedian bootstrap,
            SplittableRandom random) {
        MedianEstimate median = bootstrap.estimate(table.column(column), random);
        Estimate.Builder value = Estimate.newBuilder().setName(column + ".median").setValue(median.median())
                .setUnit(unit);
        if (!Double.isNaN(median.standardError())) {
            value.setError(median.standardError());
        }
        return List.of(value.build(), count(column + ".undefined", median.undefined()));
    }

    static Estimate count(String name, double value) {
        return Estimate.newBuilder().setName(name).setValue(value).setUnit(UNITS).build();
    }
}
