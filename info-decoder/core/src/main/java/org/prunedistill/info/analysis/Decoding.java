package org.prunedistill.info.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.info.ConditionFeatures;
import org.prunedistill.info.ConditionResponses;
import org.prunedistill.info.DecodingPerformance;
import org.prunedistill.info.InvariantObjectInformation;
import org.prunedistill.info.LuminanceRatio;
import org.prunedistill.info.PairInformation;
import org.prunedistill.info.Parallel;
import org.prunedistill.info.PopulationDecoder;
import org.prunedistill.info.PopulationDecoding;
import org.prunedistill.info.PopulationResponses;
import org.prunedistill.info.SingleUnitDecoder;
import org.prunedistill.info.analysis.domain.ColumnLabels;
import org.prunedistill.info.analysis.domain.DecodingProfile;
import org.prunedistill.info.analysis.domain.InformationSettings;
import org.prunedistill.info.analysis.domain.PerUnitTable;
import org.prunedistill.info.analysis.domain.ReceptiveFields;
import org.prunedistill.info.analysis.domain.ViewSelection;

/**
 * Decoding of object identity from one source (SCIENCE.md 5), on seeded samples of the counted units (the included
 * units by default, SCIENCE.md 4.7; every unit with {@code unit-filter=all}).
 *
 * <p><b>Single unit</b>: for each sampled unit, over its views ({@link ViewSelection}) and for up to
 * {@code pairs-per-unit} of the object pairs passing the luminance-ratio threshold with its RF luminance (a seeded
 * choice), the Gaussian decoder's separability (5-fold cross-validation) and generalisation to unseen views
 * ({@code generalisation-repetitions} random training views per object); performance = MI of the pooled confusion
 * matrix minus chance (object labels shuffled within each view), in bits, and percent correct; the unit's value is the
 * mean over its decoded pairs (NaN without a kept pair).
 *
 * <p><b>Population</b>: a pool of {@code population-pool} sampled units over the views of the leftmost default
 * position (every condition in a set without default positions), views aligned across objects by axis, value and
 * position; pseudo-populations of the configured sizes that fit the pool, {@code population-resamplings} each; each
 * pseudo-population decodes up to {@code population-pairs} object pairs (a seeded choice) among those whose luminance
 * ratio over the pool views passes {@code population-luminance-ratio-threshold} (Th = 0.8) with the RF luminance of
 * every one of its units, so that luminance alone cannot tell them apart; linear SVM with C = 1. A unit with no valid
 * trial in some pool condition is left out of the pool; missing trials (NaN) are dropped.
 *
 * <p>The sample sizes come from a named profile ({@link DecodingProfile}: the paper's by default, a quick one for
 * demonstrations); every setting is recorded with the results. Units are decoded in parallel ({@code pd.info.parallelism});
 * randomness comes from the configured seed, mixed with the unit index for the single-unit part, so results do not
 * depend on the schedule.
 */
final class Decoding {

    /** The steps' names in progress reports. */
    static final String SINGLE_UNITS_STEP = "single-unit decoding";
    static final String POPULATIONS_STEP = "population decoding";
    static final String UNIT = ColumnLabels.UNIT;
    static final String CONDITIONS = ColumnLabels.CONDITIONS;
    static final String PAIRS = ColumnLabels.DECODED_PAIRS;
    static final String SEPARABILITY = ColumnLabels.SINGLE_UNIT_SEPARABILITY;
    static final String GENERALISATION = ColumnLabels.SINGLE_UNIT_GENERALISATION;
    static final String ABOVE_CHANCE = ColumnLabels.ABOVE_CHANCE;
    static final String PERCENT_CORRECT = ColumnLabels.PERCENT_CORRECT;
    private static final long UNIT_SEED_MIX = 0xD1B54A32D192ED03L;

    private Decoding() {
    }

    /** Per-unit columns of the single-unit table, in order. */
    static List<String> columns() {
        return List.of(UNIT, CONDITIONS, PAIRS, SEPARABILITY + ABOVE_CHANCE, SEPARABILITY + PERCENT_CORRECT,
                GENERALISATION + ABOVE_CHANCE, GENERALISATION + PERCENT_CORRECT);
    }

    /**
     * What was decoded.
     *
     * @param singleUnits     one row per sampled unit ({@link #columns()})
     * @param population      one entry per population size that fits the pool
     * @param poolUnits       units in the population pool (after leaving out units without valid trials)
     * @param poolConditions  conditions of the population analysis
     * @param populationPairs the object pairs some pseudo-population decoded, as object labels
     * @param populationFolds folds of the population separability: the configured number, or fewer when a pool unit
     *                        has fewer valid trials in some condition (below 2: no population decoding)
     */
    record Computed(PerUnitTable singleUnits, List<PopulationDecoding> population, int poolUnits, int poolConditions,
            List<int[]> populationPairs, int populationFolds) {
    }

    /**
     * Units decoded one by one: a seeded subset of {@code units} of the candidates (every one for 0).
     *
     * @param candidates    the units that may be decoded, ascending
     * @param unitsInSource units of the source
     */
    static UnitSample singleUnitSample(int[] candidates, int unitsInSource, InformationSettings settings) {
        return sample(candidates, unitsInSource, settings.decoding().units(), settings.seed());
    }

    /** Units the pseudo-populations are drawn from: a seeded subset of {@code population-pool} (0: all) of them. */
    static UnitSample poolSample(int[] candidates, int unitsInSource, InformationSettings settings) {
        return sample(candidates, unitsInSource, settings.decoding().populationPool(), settings.seed() + 1);
    }

    /** At most {@code max} of the candidates (0: all), a seeded choice. */
    private static UnitSample sample(int[] candidates, int unitsInSource, int max, long seed) {
        if (candidates.length == 0) {
            return new UnitSample(unitsInSource, candidates, seed);
        }
        int[] chosen = UnitSample.atMost(candidates.length, DecodingProfile.atMost(candidates.length, max), seed)
                .units();
        return new UnitSample(unitsInSource, Arrays.stream(chosen).map(i -> candidates[i]).toArray(), seed);
    }

    /** Every unit the two samples hold, ascending: all the decoding reads of a source. */
    static int[] unitsRead(UnitSample singleUnits, UnitSample pool) {
        return IntStream.concat(Arrays.stream(singleUnits.units()), Arrays.stream(pool.units())).distinct().sorted()
                .toArray();
    }

    /**
     * Decodes a source.
     *
     * @param singleUnits   the units decoded one by one ({@link #singleUnitSample})
     * @param poolUnits     the units of the population pool ({@link #poolSample})
     * @param trials        trials per condition
     * @param unitResponses a unit's responses, condition-major ({@code conditions x trials}, NaN = missing)
     * @param progress      told how many single units are decoded, then how many pseudo-populations
     */
    static Computed compute(UnitSample singleUnits, UnitSample poolUnits, int trials,
            IntFunction<double[]> unitResponses, List<StimulusCondition> conditions, ReceptiveFields fields,
            ViewSelection views, InformationSettings settings, AnalysisProgress progress) {
        InformationSettings.Decoding decoding = settings.decoding();
        int[] objectOfCondition = conditions.stream().mapToInt(StimulusCondition::object).toArray();
        int[] viewOfCondition = alignedViews(conditions);

        int[] sampled = singleUnits.units();
        PerUnitTable table = new PerUnitTable(sampled.length, columns());
        SingleUnitDecoder decoder = SingleUnitDecoder.withDefaults().withFolds(decoding.folds())
                .withChanceShuffles(decoding.chanceShuffles());
        InvariantObjectInformation pairFilter = InvariantObjectInformation.withDefaults()
                .withResponseBins(settings.responseBins()).withThreshold(settings.luminanceRatioThreshold());
        StepCounter decodedUnits = new StepCounter(progress, SINGLE_UNITS_STEP, sampled.length);
        Parallel.forEach(sampled.length, settings.execution().parallelism(), row -> {
            int unit = sampled[row];
            int position = fields.position(unit);
            int[] selected = views.conditionsFor(fields.azimuth()[position]);
            decodeUnit(table, row, unit, trials, unitResponses.apply(unit), selected, objectOfCondition,
                    viewOfCondition, fields.luminanceAt(position), fields.contrastAt(position), decoder,
                    pairFilter, settings);
            decodedUnits.oneDone();
        });

        int[] poolViews = views.conditionsFor(views.defaultPositions().length == 0 ? Double.NaN
                : views.defaultPositions()[0]);
        int[] poolObjects = PaperQuantities.pick(objectOfCondition, poolViews);
        int[] poolAligned = PaperQuantities.pick(viewOfCondition, poolViews);
        List<int[]> pairs = allPairs(distinct(poolObjects));
        List<double[][]> pool = new ArrayList<>();
        List<boolean[]> allowed = new ArrayList<>();
        for (int unit : poolUnits.units()) {
            double[][] byCondition = validTrials(unitResponses.apply(unit), trials, poolViews);
            if (byCondition != null) {
                pool.add(byCondition);
                allowed.add(pairsPassing(pairs, poolObjects, PaperQuantities.pick(
                        fields.luminanceAt(fields.position(unit)), poolViews),
                        decoding.populationLuminanceRatioThreshold()));
            }
        }
        // Stratified folds need as many pseudo-trials per condition as folds: fewer trials, fewer folds.
        int folds = Math.min(decoding.folds(), pool.stream().flatMap(Arrays::stream).mapToInt(t -> t.length).min()
                .orElse(0));
        List<PopulationDecoding> population = List.of();
        List<int[]> decodedPairs = List.of();
        if (folds >= 2 && !pairs.isEmpty()) {
            PopulationDecoder populationDecoder = PopulationDecoder.withDefaults()
                    .withSizes(decoding.populationSizes().stream().mapToInt(Integer::intValue).toArray())
                    .withResamplings(decoding.populationResamplings()).withFolds(folds)
                    .withPairsPerPopulation(decoding.populationPairs())
                    .withParallelism(settings.execution().parallelism());
            int units = pool.size();
            long resamplings = (long) populationDecoder.resamplings()
                    * Arrays.stream(populationDecoder.sizes()).filter(size -> size <= units).count();
            StepCounter drawn = new StepCounter(progress, POPULATIONS_STEP, resamplings);
            population = populationDecoder.decode(new PopulationResponses(pool.toArray(double[][][]::new)),
                    poolObjects, poolAligned, pairs, allowed.toArray(boolean[][]::new),
                    new SplittableRandom(settings.seed() + 3),
                    drawn::oneDone);
            decodedPairs = population.stream().flatMapToInt(size -> Arrays.stream(size.decodedPairs())).distinct()
                    .sorted().mapToObj(pairs::get).toList();
        }
        return new Computed(table, population, pool.size(), poolViews.length, decodedPairs, folds);
    }

    /** Per pair, whether its luminance ratio with this RF luminance passes the threshold (SCIENCE.md 5). */
    private static boolean[] pairsPassing(List<int[]> pairs, int[] objectOfCondition, double[] rfLuminance,
            double threshold) {
        boolean[] passing = new boolean[pairs.size()];
        for (int p = 0; p < passing.length; p++) {
            int[] pair = pairs.get(p);
            passing[p] = LuminanceRatio.passes(LuminanceRatio.of(objectOfCondition, rfLuminance, pair[0], pair[1]),
                    threshold);
        }
        return passing;
    }

    private static void decodeUnit(PerUnitTable table, int row, int unit, int trials, double[] responses,
            int[] selected, int[] objectOfCondition, int[] viewOfCondition, double[] rfLuminance,
            double[] rfContrast, SingleUnitDecoder decoder, InvariantObjectInformation pairFilter,
            InformationSettings settings) {
        table.set(UNIT, row, unit);
        table.set(CONDITIONS, row, selected.length);
        double[][] byCondition = validTrials(responses, trials, selected);
        double[] sums = new double[4];
        int decoded = 0;
        if (byCondition != null) {
            int[] objects = PaperQuantities.pick(objectOfCondition, selected);
            ConditionResponses unitResponses = new ConditionResponses(byCondition);
            List<PairInformation> kept = pairFilter.estimate(unitResponses, new ConditionFeatures(objects,
                    PaperQuantities.pick(rfLuminance, selected), PaperQuantities.pick(rfContrast, selected)))
                    .pairs().stream()
                    .filter(PairInformation::kept).toList();
            SplittableRandom random = new SplittableRandom(settings.seed() ^ (UNIT_SEED_MIX * (unit + 1L)));
            List<PairInformation> chosen = new ArrayList<>(kept);
            shuffle(chosen, random);
            int[] aligned = PaperQuantities.pick(viewOfCondition, selected);
            for (PairInformation pair : chosen.subList(0, DecodingProfile.atMost(chosen.size(),
                    settings.decoding().pairsPerUnit()))) {
                int[] members = conditionsOf(objects, pair.objectA(), pair.objectB());
                ConditionResponses pairResponses = new ConditionResponses(pickRows(byCondition, members));
                int[] pairObjects = PaperQuantities.pick(objects, members);
                int[] pairViews = PaperQuantities.pick(aligned, members);
                DecodingPerformance separability = decoder.separability(pairResponses, pairObjects, pairViews,
                        random);
                DecodingPerformance generalisation = decoder.generalisation(pairResponses, pairObjects, pairViews,
                        settings.decoding().generalisationRepetitions(), random);
                sums[0] += separability.bitsAboveChance();
                sums[1] += separability.percentCorrect();
                sums[2] += generalisation.bitsAboveChance();
                sums[3] += generalisation.percentCorrect();
                decoded++;
            }
        }
        table.set(PAIRS, row, decoded);
        List<String> values = columns().subList(3, 7);
        for (int v = 0; v < values.size(); v++) {
            table.set(values.get(v), row, decoded == 0 ? Double.NaN : sums[v] / decoded);
        }
    }

    /**
     * Each condition's valid trials; null when some condition has fewer than two (a Gaussian class model and the
     * folds need them), so the unit is left out.
     */
    private static double[][] validTrials(double[] responses, int trials, int[] selected) {
        double[][] byCondition = new double[selected.length][];
        for (int i = 0; i < selected.length; i++) {
            double[] valid = Arrays.stream(responses, selected[i] * trials, (selected[i] + 1) * trials)
                    .filter(Double::isFinite).toArray();
            if (valid.length < 2) {
                return null;
            }
            byCondition[i] = valid;
        }
        return byCondition;
    }

    /**
     * The same id for the same transformation of every object: axis, value and default position. When no view is
     * shared by two objects (a set whose conditions are not aligned, such as most recordings), every condition gets
     * the same id: chance then shuffles object labels among all trials.
     */
    static int[] alignedViews(List<StimulusCondition> conditions) {
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, Integer> objectOfView = new HashMap<>();
        boolean shared = false;
        int[] views = new int[conditions.size()];
        for (int c = 0; c < conditions.size(); c++) {
            StimulusCondition condition = conditions.get(c);
            String key = condition.axis() + "/" + condition.value() + "/" + condition.groupAzimuth();
            views[c] = ids.computeIfAbsent(key, ignored -> ids.size());
            Integer first = objectOfView.putIfAbsent(views[c], condition.object());
            shared |= first != null && first != condition.object();
        }
        return shared ? views : new int[conditions.size()];
    }

    /** Every pair of distinct objects, each ascending, in lexicographic order. */
    static List<int[]> allPairs(int[] objects) {
        List<int[]> all = new ArrayList<>();
        for (int a = 0; a < objects.length; a++) {
            for (int b = a + 1; b < objects.length; b++) {
                all.add(new int[] {objects[a], objects[b]});
            }
        }
        return all;
    }

    private static <T> void shuffle(List<T> items, SplittableRandom random) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = items.get(i);
            items.set(i, items.get(j));
            items.set(j, swap);
        }
    }

    private static int[] distinct(int[] values) {
        return Arrays.stream(values).distinct().sorted().toArray();
    }

    private static int[] conditionsOf(int[] objects, int a, int b) {
        return java.util.stream.IntStream.range(0, objects.length).filter(i -> objects[i] == a || objects[i] == b)
                .toArray();
    }

    private static double[][] pickRows(double[][] rows, int[] selected) {
        double[][] picked = new double[selected.length][];
        for (int i = 0; i < selected.length; i++) {
            picked[i] = rows[selected[i]];
        }
        return picked;
    }
}
