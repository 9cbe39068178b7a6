package org.prunedistill.info.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.info.ConditionFeatures;
import org.prunedistill.info.ConditionResponses;
import org.prunedistill.info.CorrectedBits;
import org.prunedistill.info.FeatureDecomposition;
import org.prunedistill.info.FeatureInformation;
import org.prunedistill.info.InvariantInformation;
import org.prunedistill.info.InvariantObjectInformation;
import org.prunedistill.info.Parallel;
import org.prunedistill.info.UnitInformationEstimator;
import org.prunedistill.info.analysis.domain.ColumnLabels;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.info.analysis.domain.PerUnitTable;
import org.prunedistill.info.analysis.domain.ReceptiveFields;
import org.prunedistill.info.analysis.domain.ViewSelection;

/**
 * The paper's per-unit quantities of one source (SCIENCE.md 4.3-4.5, 4.7), one unit at a time: over the unit's views
 * ({@link ViewSelection}) and with its RF luminance and contrast ({@link ReceptiveFields}), the luminance and the
 * contrast decomposition (I(R;S), I(R;X), I(R;S'|X), f_high, each Panzeri-Treves corrected; the contrast one over the
 * views where the object covers enough of the RF, {@link UnitInclusionRule}), the invariant object information over
 * object pairs passing the luminance-ratio threshold, the permutation p-value of the plug-in I(R;S), and whether the
 * unit is responsive, informative and so included. Units are read a block of {@code pd.info.unit-block} at a time,
 * the next block while the current one is computed ({@link UnitBlocks}): memory is two blocks, one unit's responses
 * per worker and the per-unit table, never the whole source.
 */
final class PaperQuantities {

    /** The step's name in progress reports. */
    static final String STEP = "per-unit information";
    static final String UNIT = ColumnLabels.UNIT;
    static final String VIEWS = ColumnLabels.CONDITIONS;
    static final String P_VALUE = ColumnLabels.P_VALUE;
    static final String KEPT_PAIRS = ColumnLabels.KEPT_PAIRS;
    static final String OBJECT_PT = ColumnLabels.OBJECT_CORRECTED;
    static final String PAIR_STIMULUS_PT = ColumnLabels.STIMULUS_OVER_PAIRS_CORRECTED;
    static final String INVARIANT_FRACTION = ColumnLabels.INVARIANT_FRACTION;
    static final String MAX_COVERAGE = ColumnLabels.MAX_OBJECT_COVERAGE;
    static final String RESPONSIVE = ColumnLabels.RESPONSIVE;
    static final String INFORMATIVE = ColumnLabels.INFORMATIVE;
    static final String INCLUDED = ColumnLabels.INCLUDED;
    static final String COVERED = ColumnLabels.COVERED_CONDITIONS;
    private static final long UNIT_SEED_MIX = 0x9E3779B97F4A7C15L;
    /**
     * The share of the heap the RF positions' shares may hold ({@link PositionViews}), beside the blocks, the
     * per-unit table and the receptive fields the manifest brought.
     */
    private static final int POSITION_HEAP_DIVISOR = 4;
    private static final String[] LUMINANCE_COLUMNS = decompositionColumns("L");
    private static final String[] CONTRAST_COLUMNS = decompositionColumns("C");
    private static final String WITHIN_OBJECT_PLUGIN = ColumnLabels.luminanceWithinObject(ColumnLabels.PLUGIN);
    private static final String WITHIN_OBJECT_CORRECTED = ColumnLabels.luminanceWithinObject(ColumnLabels.CORRECTED);

    private PaperQuantities() {
    }

    /** Every column {@link #compute} fills, in order. */
    static List<String> columns() {
        List<String> names = new ArrayList<>(List.of(UNIT, VIEWS, COVERED));
        for (String feature : List.of("L", "C")) {
            for (String term : List.of("stimulus", "feature", "residual")) {
                names.add(column(feature, term, "plugin"));
                names.add(column(feature, term, "pt"));
            }
            names.add(column(feature, "fraction", ""));
        }
        names.add(ColumnLabels.luminanceWithinObject(ColumnLabels.PLUGIN));
        names.add(ColumnLabels.luminanceWithinObject(ColumnLabels.CORRECTED));
        names.addAll(List.of(KEPT_PAIRS, OBJECT_PT, PAIR_STIMULUS_PT, INVARIANT_FRACTION, P_VALUE, MAX_COVERAGE,
                RESPONSIVE, INFORMATIVE, INCLUDED));
        return names;
    }

    /** What was computed and with which settings. */
    record Computed(PerUnitTable table, int featureBins, int[] conditionsPerUnit, UnitSample sample) {
    }

    /** Column name of a decomposition term: {@code I(R;S)}, {@code I(R;L)}, {@code I(R;S'|L)}, f_high, per feature. */
    static String column(String feature, String term, String correction) {
        return switch (term) {
            case "stimulus" -> ColumnLabels.stimulus(feature, correction);
            case "feature" -> ColumnLabels.feature(feature, correction);
            case "residual" -> ColumnLabels.residual(feature, correction);
            default -> ColumnLabels.highLevelFraction(feature);
        };
    }

    static Computed compute(SourceActivations source, List<StimulusCondition> conditions, ReceptiveFields fields,
            ViewSelection views, InformationSettings settings, AnalysisProgress progress) {
        return compute(source, conditions, fields, views, settings, UnitBlocks.Reading.AHEAD, progress);
    }

    /**
     * As {@link #compute}, reading the blocks as asked (the tests compare both ways) and saying how many units are done
     * after each block.
     */
    static Computed compute(SourceActivations source, List<StimulusCondition> conditions, ReceptiveFields fields,
            ViewSelection views, InformationSettings settings, UnitBlocks.Reading reading, AnalysisProgress progress) {
        UnitSample sample = settings.maxUnits() > 0
                ? UnitSample.atMost(source.units(), settings.maxUnits(), settings.seed())
                : UnitSample.all(source.units());
        int[] units = sample.units();
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int p = 0; p < fields.positions(); p++) {
            int n = views.conditionsFor(fields.azimuth()[p]).length;
            smallest = Math.min(smallest, n);
            largest = Math.max(largest, n);
        }
        int featureBins = Math.min(settings.featureBins(), smallest);
        FeatureDecomposition decomposition = FeatureDecomposition.withDefaults()
                .withResponseBins(settings.responseBins()).withFeatureBins(featureBins);
        InvariantObjectInformation invariance = InvariantObjectInformation.withDefaults()
                .withResponseBins(settings.responseBins()).withThreshold(settings.luminanceRatioThreshold());
        UnitInclusionRule inclusion = new UnitInclusionRule(settings.minObjectCoverage(),
                settings.significanceLevel());
        UnitInformationEstimator significance = UnitInformationEstimator.withDefaults()
                .withBins(settings.responseBins()).withShuffles(0).withQuadraticPermutations(0)
                .withPermutations(settings.permutations());
        int[] objectOfCondition = conditions.stream().mapToInt(StimulusCondition::object).toArray();
        PerUnitTable table = new PerUnitTable(units.length, columns());
        UnitRows rows = new UnitRows(new PositionViews(objectOfCondition, fields, views, decomposition, inclusion,
                Runtime.getRuntime().maxMemory() / POSITION_HEAP_DIVISOR),
                decomposition, invariance, significance, inclusion, settings, table);
        SourceActivations sampled = sample.of(source);
        int parallelism = settings.execution().parallelism();
        int blockSize = settings.execution().unitBlock();
        ForkJoinPool pool = parallelism <= 1 ? null : new ForkJoinPool(parallelism);
        try {
            progress.step(STEP, 0, units.length);
            UnitBlocks.forEach(sampled, blockSize, reading, (first, block) -> {
                Parallel.forEach(first, first + block.units(), pool,
                        row -> rows.analyse(block, row - first, row, units[row]));
                progress.step(STEP, first + block.units(), units.length);
            });
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
        return new Computed(table, featureBins, new int[] {smallest, largest}, sample);
    }

    /** What every row shares; {@link #analyse} fills one row of the table from one unit of a block. */
    private record UnitRows(PositionViews positions, FeatureDecomposition decomposition, InvariantObjectInformation invariance,
            UnitInformationEstimator significance, UnitInclusionRule inclusion, InformationSettings settings,
            PerUnitTable table) {

        void analyse(UnitMajorBlock block, int blockUnit, int row, int unit) {
            PositionViews.View view = positions.of(unit);
            int[] selected = view.selected();
            double[] responses = block.unitResponses(blockUnit, new double[block.conditions() * block.trials()]);
            ConditionResponses unitResponses = ConditionResponses.ofSelectedConditions(responses, block.trials(),
                    selected);
            table.set(UNIT, row, unit);
            table.set(VIEWS, row, selected.length);
            putDecomposition(table, row, "L", decomposition.decomposeByLevel(unitResponses, view.luminanceLevels()));
            CorrectedBits withinObject = decomposition.withinObjectByLevel(unitResponses, view.luminanceLevels()).withinObject();
            table.set(WITHIN_OBJECT_PLUGIN, row, withinObject.pluginBits());
            table.set(WITHIN_OBJECT_CORRECTED, row, withinObject.panzeriTrevesBits());
            table.set(COVERED, row, count(view.covered()));
            if (view.contrast() != null) {
                // Too few covered views of some object: the row's contrast cells stay NaN (an undefined unit).
                putDecomposition(table, row, "C", view.contrast().decomposeByLevel(
                        unitResponses.subset(view.covered()), view.contrastLevels()));
            }
            putInvariance(table, row, invariance.estimate(unitResponses, view.objects()));
            double p = putSignificance(table, row, unit, unitResponses, significance, settings);
            double maxCoverage = view.maxCoverage();
            boolean responsive = inclusion.responsive(unitResponses.means(), maxCoverage);
            boolean informative = inclusion.informative(p);
            table.set(MAX_COVERAGE, row, maxCoverage);
            table.set(RESPONSIVE, row, responsive ? 1 : 0);
            table.set(INFORMATIVE, row, informative ? 1 : 0);
            table.set(INCLUDED, row, responsive && informative ? 1 : 0);
        }
    }

    private static void putDecomposition(PerUnitTable table, int row, String feature, FeatureInformation split) {
        String[] names = feature.equals("L") ? LUMINANCE_COLUMNS : CONTRAST_COLUMNS;
        table.set(names[0], row, split.stimulus().pluginBits());
        table.set(names[1], row, split.stimulus().panzeriTrevesBits());
        table.set(names[2], row, split.feature().pluginBits());
        table.set(names[3], row, split.feature().panzeriTrevesBits());
        table.set(names[4], row, split.residual().pluginBits());
        table.set(names[5], row, split.residual().panzeriTrevesBits());
        table.set(names[6], row, split.highLevelFraction());
    }

    /** A decomposition's seven column names in {@link #putDecomposition}'s order (built once, not per unit). */
    private static String[] decompositionColumns(String feature) {
        return new String[] {column(feature, "stimulus", "plugin"), column(feature, "stimulus", "pt"),
            column(feature, "feature", "plugin"), column(feature, "feature", "pt"),
            column(feature, "residual", "plugin"), column(feature, "residual", "pt"),
            column(feature, "fraction", "")};
    }

    private static void putInvariance(PerUnitTable table, int row, InvariantInformation invariant) {
        table.set(KEPT_PAIRS, row, invariant.keptPairs());
        table.set(OBJECT_PT, row, invariant.objectBits());
        table.set(PAIR_STIMULUS_PT, row, invariant.stimulusBits());
        table.set(INVARIANT_FRACTION, row, invariant.invariantFraction());
    }

    /**
     * p-value of the plug-in I(R;S) over the unit's conditions (its valid trials); its own seeded generator, so units
     * are independent. Returns it.
     */
    private static double putSignificance(PerUnitTable table, int row, int unit, ConditionResponses responses,
            UnitInformationEstimator significance, InformationSettings settings) {
        SplittableRandom random = new SplittableRandom(settings.seed() ^ (UNIT_SEED_MIX * (unit + 1L)));
        double p = significance.pValue(responses, random);
        table.set(P_VALUE, row, p);
        return p;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean flag : flags) {
            n += flag ? 1 : 0;
        }
        return n;
    }

    /** The values at the selected indices, in their order (shared with {@link Decoding}). */
    static int[] pick(int[] values, int[] selected) {
        int[] picked = new int[selected.length];
        for (int i = 0; i < selected.length; i++) {
            picked[i] = values[selected[i]];
        }
        return picked;
    }

    static double[] pick(double[] values, int[] selected) {
        double[] picked = new double[selected.length];
        for (int i = 0; i < selected.length; i++) {
            picked[i] = values[selected[i]];
        }
        return picked;
    }
}
