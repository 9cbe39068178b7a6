package org.prunedistill.info;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Population decoding of object identity (SCIENCE.md 5, population): pseudo-populations of {@link #sizes()} units
 * (default 6, 12, 24, 48, 96), {@link #resamplings()} random draws of units each (default 50); a pseudo-trial of a
 * condition takes one trial of every unit, drawn without replacement per unit (so a condition has as many
 * pseudo-trials as its fewest-trial unit). Decoding is <b>pairwise</b>, as the single-unit analyses and Tafazoli et
 * al. (2017): for each object pair given, a linear SVM with C = 1 ({@link LinearSupportVectorMachine}, features
 * z-scored on the training rows) tells the two objects apart;
 * <ul>
 *   <li><b>separability</b>: stratified {@link #folds()}-fold cross-validation over the pseudo-trials of all the
 *   pair's conditions (the 19 aligned views per object, chosen by the caller);</li>
 *   <li><b>generalisation</b>: train on the pseudo-trials of one view of each object and decode every other view of
 *   both, for all view x view combinations (19 x 19).</li>
 * </ul>
 * The confusion matrix is pooled over folds or combinations and scored by its plug-in MI; chance is the same score
 * with object labels shuffled among the pseudo-trials of each view ({@link #chanceShuffles()} per pair and
 * resampling, default 1; averaged over pairs and resamplings it is well estimated). A resampling's value is the mean
 * over the pairs; the result gives mean and SD over resamplings.
 *
 * <p><b>Pairs per pseudo-population</b> (SCIENCE.md 5, Tafazoli et al. 2017): given which pairs each unit allows
 * (for example those whose luminance ratio passes Th = 0.8 with the unit's RF luminance, {@link LuminanceRatio}), a
 * pseudo-population decodes only the pairs every one of its units allows, so that luminance alone cannot tell the
 * objects apart; at most {@link #pairsPerPopulation()} of them (a random choice; 0 = all). A pseudo-population with
 * no such pair is not decoded and is counted ({@link PopulationDecoding#resamplingsWithoutPair()}).
 *
 * <p>Cost: per size, resampling and pair, {@code folds (1 + chanceShuffles)} SVM fits on about 4/5 of the pair's
 * pseudo-trials plus {@code views^2 (1 + chanceShuffles)} small fits; pass few pairs for a quick look.
 *
 * <p>Policy: sizes above the number of units are left out of the result. Failure behaviour:
 * {@link IllegalArgumentException} for label arrays whose length differs from the number of conditions, a pair that
 * names the same object twice or an object without conditions, or a pair condition with fewer pseudo-trials than
 * folds. Immutable; randomness arrives as a parameter.
 *
 * <p>Reference: Tafazoli, Safaai, De Franceschi, ... Zoccolan (2017), J. Neurophysiol. 118:130-159, Methods
 * ("population decoding"); Muratore et al. (2022), NeurIPS; Hsieh et al. (2008) for the solver.
 */
public final class PopulationDecoder {

    /** Population sizes of {@link #withDefaults()}. */
    public static final int[] DEFAULT_SIZES = {6, 12, 24, 48, 96};
    /** Resamplings per size of {@link #withDefaults()}. */
    public static final int DEFAULT_RESAMPLINGS = 50;

    private final int[] sizes;
    private final int resamplings;
    private final int folds;
    private final int chanceShuffles;
    private final LinearSupportVectorMachine machine;
    private final int pairsPerPopulation;
    private final int parallelism;

    private PopulationDecoder(int[] sizes, int resamplings, int folds, int chanceShuffles,
            LinearSupportVectorMachine machine, int pairsPerPopulation, int parallelism) {
        for (int size : sizes) {
            if (size < 1) {
                throw new IllegalArgumentException("sizes must be positive, got " + Arrays.toString(sizes));
            }
        }
        if (resamplings < 1 || folds < 2 || chanceShuffles < 0 || pairsPerPopulation < 0 || parallelism < 1) {
            throw new IllegalArgumentException("need resamplings >= 1, folds >= 2, chanceShuffles >= 0, "
                    + "pairsPerPopulation >= 0, parallelism >= 1; got " + resamplings + ", " + folds + ", "
                    + chanceShuffles + ", " + pairsPerPopulation + ", " + parallelism);
        }
        this.sizes = sizes.clone();
        this.resamplings = resamplings;
        this.folds = folds;
        this.chanceShuffles = chanceShuffles;
        this.machine = Objects.requireNonNull(machine, "machine");
        this.pairsPerPopulation = pairsPerPopulation;
        this.parallelism = parallelism;
    }

    /** Sizes 6..96, 50 resamplings, 5 folds, 1 chance shuffle, C = 1, every allowed pair. */
    public static PopulationDecoder withDefaults() {
        return new PopulationDecoder(DEFAULT_SIZES, DEFAULT_RESAMPLINGS, SingleUnitDecoder.DEFAULT_FOLDS, 1,
                LinearSupportVectorMachine.withDefaults(), 0, 1);
    }

    public PopulationDecoder withSizes(int... sizes) {
        return new PopulationDecoder(sizes, resamplings, folds, chanceShuffles, machine, pairsPerPopulation, parallelism);
    }

    public PopulationDecoder withResamplings(int resamplings) {
        return new PopulationDecoder(sizes, resamplings, folds, chanceShuffles, machine, pairsPerPopulation, parallelism);
    }

    public PopulationDecoder withFolds(int folds) {
        return new PopulationDecoder(sizes, resamplings, folds, chanceShuffles, machine, pairsPerPopulation, parallelism);
    }

    public PopulationDecoder withChanceShuffles(int chanceShuffles) {
        return new PopulationDecoder(sizes, resamplings, folds, chanceShuffles, machine, pairsPerPopulation, parallelism);
    }

    public PopulationDecoder withMachine(LinearSupportVectorMachine machine) {
        return new PopulationDecoder(sizes, resamplings, folds, chanceShuffles, machine, pairsPerPopulation, parallelism);
    }

    /**
     * Resamplings decoded at once on this many threads; the results do not depend on it (each resampling draws from
     * a generator of its own, seeded in resampling order).
     */
    public PopulationDecoder withParallelism(int parallelism) {
        return new PopulationDecoder(sizes, resamplings, folds, chanceShuffles, machine, pairsPerPopulation,
                parallelism);
    }

    /** At most this many of the allowed pairs per pseudo-population, a random choice; 0 = every allowed pair. */
    public PopulationDecoder withPairsPerPopulation(int pairsPerPopulation) {
        return new PopulationDecoder(sizes, resamplings, folds, chanceShuffles, machine, pairsPerPopulation, parallelism);
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public int resamplings() {
        return resamplings;
    }

    public int folds() {
        return folds;
    }

    public int chanceShuffles() {
        return chanceShuffles;
    }

    public LinearSupportVectorMachine machine() {
        return machine;
    }

    public int pairsPerPopulation() {
        return pairsPerPopulation;
    }

    public int parallelism() {
        return parallelism;
    }

    /**
     * Decodes every pair at every size that fits, every unit allowing every pair.
     *
     * @param responses         the units' responses, {@code [units][conditions][trials]}
     * @param objectOfCondition object of each condition
     * @param viewOfCondition   aligned view of each condition (the same id for the same view of every object)
     * @param pairs             object pairs {@code {a, b}} to decode
     * @return one entry per size not above the number of units, in the order of {@link #sizes()}
     */
    public List<PopulationDecoding> decode(PopulationResponses responses, int[] objectOfCondition,
            int[] viewOfCondition, List<int[]> pairs, RandomGenerator rng) {
        boolean[][] everyPair = new boolean[responses.units()][pairs.size()];
        for (boolean[] unit : everyPair) {
            Arrays.fill(unit, true);
        }
        return decode(responses, objectOfCondition, viewOfCondition, pairs, everyPair, rng);
    }

    /**
     * Decodes, at every size that fits, the pairs each pseudo-population's units all allow.
     *
     * @param responses         the units' responses, {@code [units][conditions][trials]}
     * @param objectOfCondition object of each condition
     * @param viewOfCondition   aligned view of each condition (the same id for the same view of every object)
     * @param pairs             candidate object pairs {@code {a, b}}
     * @param allowed           {@code [units][pairs]}: whether a unit allows a pair
     * @return one entry per size not above the number of units, in the order of {@link #sizes()}
     */
    public List<PopulationDecoding> decode(PopulationResponses responses, int[] objectOfCondition,
            int[] viewOfCondition, List<int[]> pairs, boolean[][] allowed, RandomGenerator rng) {
        return decode(responses, objectOfCondition, viewOfCondition, pairs, allowed, rng, () -> { });
    }

    /**
     * As {@link #decode(PopulationResponses, int[], int[], List, boolean[][], RandomGenerator)}, running
     * {@code resamplingDone} (from any of the decoding threads) after each pseudo-population, of
     * {@link #resamplings()} for every size that fits.
     */
    public List<PopulationDecoding> decode(PopulationResponses responses, int[] objectOfCondition,
            int[] viewOfCondition, List<int[]> pairs, boolean[][] allowed, RandomGenerator rng,
            Runnable resamplingDone) {
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(rng, "rng");
        int conditions = responses.conditions();
        if (objectOfCondition.length != conditions || viewOfCondition.length != conditions) {
            throw new IllegalArgumentException("objectOfCondition and viewOfCondition must hold one entry per "
                    + "condition (" + conditions + "), got " + objectOfCondition.length + " and "
                    + viewOfCondition.length);
        }
        if (allowed.length != responses.units()) {
            throw new IllegalArgumentException("allowed must hold one row per unit (" + responses.units() + "), got "
                    + allowed.length);
        }
        for (int u = 0; u < allowed.length; u++) {
            if (allowed[u].length != pairs.size()) {
                throw new IllegalArgumentException("allowed[" + u + "] must hold one entry per pair (" + pairs.size()
                        + "), got " + allowed[u].length);
            }
        }
        List<int[]> pairConditions = new ArrayList<>();
        for (int[] pair : pairs) {
            pairConditions.add(conditionsOfPair(pair, objectOfCondition));
        }
        List<PopulationDecoding> result = new ArrayList<>();
        for (int size : sizes) {
            if (size > responses.units()) {
                continue;
            }
            // One generator per resampling, seeded in order: the outcome does not depend on the schedule.
            long[] seeds = new long[resamplings];
            for (int b = 0; b < resamplings; b++) {
                seeds[b] = rng.nextLong();
            }
            Resampling[] drawn = new Resampling[resamplings];
            Parallel.forEach(resamplings, parallelism, b -> {
                drawn[b] = resample(responses, size, allowed, pairs, pairConditions, objectOfCondition,
                        viewOfCondition, new SplittableRandom(seeds[b]));
                resamplingDone.run();
            });
            List<double[]> separability = new ArrayList<>();
            List<double[]> generalisation = new ArrayList<>();
            boolean[] decoded = new boolean[pairs.size()];
            for (Resampling resampling : drawn) {
                if (resampling != null) {
                    separability.add(resampling.separability());
                    generalisation.add(resampling.generalisation());
                    for (int p : resampling.pairs()) {
                        decoded[p] = true;
                    }
                }
            }
            int[] decodedPairs = java.util.stream.IntStream.range(0, pairs.size()).filter(p -> decoded[p]).toArray();
            result.add(new PopulationDecoding(summary(size, separability), summary(size, generalisation),
                    resamplings - separability.size(), decodedPairs));
        }
        return result;
    }

    /** One pseudo-population's mean performances over its pairs (mean, chance, above chance) and its pairs. */
    private record Resampling(double[] separability, double[] generalisation, int[] pairs) {
    }

    /** Draws one pseudo-population of {@code size} units and decodes its pairs; null when it allows none. */
    private Resampling resample(PopulationResponses responses, int size, boolean[][] allowed, List<int[]> pairs,
            List<int[]> pairConditions, int[] objectOfCondition, int[] viewOfCondition, RandomGenerator rng) {
        int[] units = drawUnits(responses.units(), size, rng);
        int[] chosen = choosePairs(allowedByAll(allowed, units, pairs.size()), rng);
        if (chosen.length == 0) {
            return null;
        }
        double[][][] pseudo = pseudoTrials(responses, units, rng);
        double[] sep = new double[3];
        double[] gen = new double[3];
        for (int p : chosen) {
            PairDecoding pair = pairTrials(pseudo, pairs.get(p), pairConditions.get(p), objectOfCondition,
                    viewOfCondition);
            accumulate(sep, pair.separability(folds, chanceShuffles, rng), chosen.length);
            accumulate(gen, pair.generalisation(chanceShuffles, rng), chosen.length);
        }
        return new Resampling(sep, gen, chosen);
    }

    /** {@code size} distinct units in random order (the first {@code size} of a shuffle of all). */
    private static int[] drawUnits(int units, int size, RandomGenerator rng) {
        int[] order = new int[units];
        for (int u = 0; u < units; u++) {
            order[u] = u;
        }
        TrialShuffling.shuffle(order, 0, order.length, rng);
        return Arrays.copyOf(order, size);
    }

    /** Indices of the pairs every drawn unit allows, ascending. */
    private static int[] allowedByAll(boolean[][] allowed, int[] units, int pairs) {
        return java.util.stream.IntStream.range(0, pairs).filter(p -> {
            for (int u : units) {
                if (!allowed[u][p]) {
                    return false;
                }
            }
            return true;
        }).toArray();
    }

    /** All candidates, or a random {@link #pairsPerPopulation()} of them in ascending order. */
    private int[] choosePairs(int[] candidates, RandomGenerator rng) {
        if (pairsPerPopulation == 0 || candidates.length <= pairsPerPopulation) {
            return candidates;
        }
        int[] shuffled = candidates.clone();
        TrialShuffling.shuffle(shuffled, 0, shuffled.length, rng);
        int[] chosen = Arrays.copyOf(shuffled, pairsPerPopulation);
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * {@code [condition][pseudo-trial][unit]} for {@code size} units drawn without replacement: each unit's trials of
     * a condition in random order, pseudo-trial k taking every unit's k-th.
     */
    static double[][][] pseudoTrials(PopulationResponses responses, int size, RandomGenerator rng) {
        return pseudoTrials(responses, drawUnits(responses.units(), size, rng), rng);
    }

    /** {@code [condition][pseudo-trial][unit]} of the given units, as the method above. */
    private static double[][][] pseudoTrials(PopulationResponses responses, int[] units, RandomGenerator rng) {
        int size = units.length;
        double[][][] data = responses.responses();
        double[][][] pseudo = new double[responses.conditions()][][];
        for (int c = 0; c < pseudo.length; c++) {
            int trials = Integer.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                trials = Math.min(trials, data[units[i]][c].length);
            }
            pseudo[c] = new double[trials][size];
            for (int i = 0; i < size; i++) {
                double[] own = data[units[i]][c];
                int[] order = new int[own.length];
                for (int k = 0; k < order.length; k++) {
                    order[k] = k;
                }
                TrialShuffling.shuffle(order, 0, order.length, rng);
                for (int k = 0; k < trials; k++) {
                    pseudo[c][k][i] = own[order[k]];
                }
            }
        }
        return pseudo;
    }

    private PairDecoding pairTrials(double[][][] pseudo, int[] pair, int[] conditions, int[] objectOfCondition,
            int[] viewOfCondition) {
        List<double[]> rows = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int c : conditions) {
            if (pseudo[c].length < folds) {
                throw new IllegalArgumentException("condition " + c + " has " + pseudo[c].length
                        + " pseudo-trials, fewer than folds = " + folds);
            }
            for (double[] row : pseudo[c]) {
                rows.add(row);
                labels.add(new int[] {objectOfCondition[c] == pair[0] ? 0 : 1, c, viewOfCondition[c]});
            }
        }
        return new PairDecoding(rows.toArray(double[][]::new), labels.stream().mapToInt(l -> l[0]).toArray(),
                labels.stream().mapToInt(l -> l[1]).toArray(), labels.stream().mapToInt(l -> l[2]).toArray(),
                machine);
    }

    private static int[] conditionsOfPair(int[] pair, int[] objectOfCondition) {
        if (pair.length != 2 || pair[0] == pair[1]) {
            throw new IllegalArgumentException("a pair names two distinct objects, got " + Arrays.toString(pair));
        }
        int[] counts = new int[2];
        List<Integer> conditions = new ArrayList<>();
        for (int c = 0; c < objectOfCondition.length; c++) {
            for (int side = 0; side < 2; side++) {
                if (objectOfCondition[c] == pair[side]) {
                    counts[side]++;
                    conditions.add(c);
                }
            }
        }
        if (counts[0] == 0 || counts[1] == 0) {
            throw new IllegalArgumentException("pair " + Arrays.toString(pair) + " names an object without conditions");
        }
        return conditions.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void accumulate(double[] sums, PairDecoding.Score score, int pairs) {
        sums[0] += score.bits() / pairs;
        sums[1] += score.chanceBits() / pairs;
        sums[2] += score.percentCorrect() / pairs;
    }

    /** Mean and SD over the decoded resamplings; NaN values when none was decoded. */
    private static PopulationPerformance summary(int size, List<double[]> perResampling) {
        int n = perResampling.size();
        double[] bits = new double[n];
        double[] chance = new double[n];
        double[] above = new double[n];
        double[] correct = new double[n];
        for (int b = 0; b < n; b++) {
            bits[b] = perResampling.get(b)[0];
            chance[b] = perResampling.get(b)[1];
            above[b] = bits[b] - chance[b];
            correct[b] = perResampling.get(b)[2];
        }
        return new PopulationPerformance(size, n, mean(bits), mean(chance), mean(above), sd(above),
                mean(correct), sd(correct));
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double sd(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (values.length - 1));
    }
}
