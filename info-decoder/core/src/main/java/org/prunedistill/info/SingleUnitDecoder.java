package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Single-unit decoding of an object pair (SCIENCE.md 5): each object's responses are modelled as a Gaussian (mean
 * and variance of its training trials, prior = its share of training trials), and a trial is decoded as the object
 * of larger log posterior, {@code log P(o) - log sigma_o - (x - mu_o)^2 / (2 sigma_o^2)}, i.e. the threshold where
 * the log posterior ratio is 0 (ties go to the first object).
 *
 * <p><b>Separability</b>: {@link #folds()}-fold cross-validation over the trials of all conditions (views) of the
 * pair, stratified by condition (trials of each condition are shuffled, then dealt to the folds in turn, so every
 * view is in every training set when it has enough trials). Every trial is decoded once; the confusion matrix is
 * pooled over folds and scored by its plug-in mutual information in bits. <b>Chance</b> is the same score averaged
 * over {@link #chanceShuffles()} decodings with the object labels shuffled among the trials of each transformation
 * (view), which keeps any view information and removes object information; the result reports the difference.
 * <b>Generalisation</b> ({@link #generalisation}) trains on one view per object and decodes the others.
 *
 * <p>Policy: a class variance of 0 (a silent or constant unit in the training fold) is raised to
 * {@value #MIN_VARIANCE} so the model stays defined. Failure behaviour: {@link IllegalArgumentException} for array
 * lengths that differ from the number of conditions, object labels other than two distinct values, or an object with
 * fewer trials than folds. Immutable; randomness arrives as a parameter.
 *
 * <p>Reference: Tafazoli, Safaai, De Franceschi, ... Zoccolan (2017), J. Neurophysiol. 118:130-159, Methods
 * ("single-cell decoding"); Quian Quiroga and Panzeri (2009), Nat. Rev. Neurosci. 10:173-185 (decoding and the
 * information of the confusion matrix).
 */
public final class SingleUnitDecoder {

    /** Folds of {@link #withDefaults()}. */
    public static final int DEFAULT_FOLDS = 5;
    /** Chance shuffles of {@link #withDefaults()}. */
    public static final int DEFAULT_CHANCE_SHUFFLES = 20;
    /** Smallest class variance used, so a constant training class still has a density. */
    public static final double MIN_VARIANCE = 1e-12;

    private final int folds;
    private final int chanceShuffles;

    private SingleUnitDecoder(int folds, int chanceShuffles) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        if (chanceShuffles < 1) {
            throw new IllegalArgumentException("chanceShuffles must be at least 1, got " + chanceShuffles);
        }
        this.folds = folds;
        this.chanceShuffles = chanceShuffles;
    }

    /** 5 folds, 20 chance shuffles. */
    public static SingleUnitDecoder withDefaults() {
        return new SingleUnitDecoder(DEFAULT_FOLDS, DEFAULT_CHANCE_SHUFFLES);
    }

    public SingleUnitDecoder withFolds(int folds) {
        return new SingleUnitDecoder(folds, chanceShuffles);
    }

    public SingleUnitDecoder withChanceShuffles(int chanceShuffles) {
        return new SingleUnitDecoder(folds, chanceShuffles);
    }

    public int folds() {
        return folds;
    }

    public int chanceShuffles() {
        return chanceShuffles;
    }

    /**
     * Separability of two objects by one unit.
     *
     * @param responses        the unit's responses per condition (the pair's conditions only)
     * @param objectOfCondition object of each condition, exactly two distinct values
     * @param viewOfCondition  transformation (view) of each condition; chance shuffles objects within a view
     * @param rng              source of the fold assignment and the shuffles
     */
    public DecodingPerformance separability(ConditionResponses responses, int[] objectOfCondition,
            int[] viewOfCondition, RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        DecodingTrials trials = DecodingTrials.of(responses, objectOfCondition, viewOfCondition, folds);
        int[] fold = trials.stratifiedFolds(folds, rng);
        int[][] confusion = crossValidate(trials.values, trials.objects, fold);
        double bits = confusionBits(confusion);
        double chance = 0.0;
        int[] shuffled = trials.objects.clone();
        for (int k = 0; k < chanceShuffles; k++) {
            trials.shuffleWithinViews(shuffled, rng);
            chance += confusionBits(crossValidate(trials.values, shuffled, fold));
        }
        chance /= chanceShuffles;
        double correct = 100.0 * (confusion[0][0] + confusion[1][1]) / trials.values.length;
        return new DecodingPerformance(bits, chance, bits - chance, correct, trials.values.length, folds,
                chanceShuffles);
    }

    /**
     * Generalisation to unseen views: in each of {@code repetitions} (SCIENCE.md default 1000) the model is trained
     * on the trials of one random condition (view) of each object and decodes the trials of every other condition;
     * the confusion matrix is pooled over repetitions. Chance repeats the same draws with the object labels shuffled
     * within each view; a training set left with one object then decodes everything as that object.
     *
     * @param repetitions number of random training views, at least 1
     * @throws IllegalArgumentException as {@link #separability}, and when an object has a single condition (nothing
     *                                  would be left to test)
     */
    public DecodingPerformance generalisation(ConditionResponses responses, int[] objectOfCondition,
            int[] viewOfCondition, int repetitions, RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
        }
        DecodingTrials trials = DecodingTrials.of(responses, objectOfCondition, viewOfCondition, 1);
        int[][] candidates = {trials.conditionsOf(0), trials.conditionsOf(1)};
        if (Math.min(candidates[0].length, candidates[1].length) < 2) {
            throw new IllegalArgumentException("objectOfCondition gives an object a single condition; "
                    + "generalisation needs at least two views of each object");
        }
        int[][] training = new int[repetitions][2];
        for (int k = 0; k < repetitions; k++) {
            training[k][0] = candidates[0][rng.nextInt(candidates[0].length)];
            training[k][1] = candidates[1][rng.nextInt(candidates[1].length)];
        }
        int[][] confusion = generalise(trials, trials.objects, training);
        double bits = confusionBits(confusion);
        double chance = 0.0;
        int[] shuffled = trials.objects.clone();
        for (int k = 0; k < chanceShuffles; k++) {
            trials.shuffleWithinViews(shuffled, rng);
            chance += confusionBits(generalise(trials, shuffled, training));
        }
        chance /= chanceShuffles;
        int decoded = confusion[0][0] + confusion[0][1] + confusion[1][0] + confusion[1][1];
        double correct = 100.0 * (confusion[0][0] + confusion[1][1]) / decoded;
        return new DecodingPerformance(bits, chance, bits - chance, correct, decoded, repetitions, chanceShuffles);
    }

    /** Pooled confusion of training on each pair of conditions and decoding the trials of all other conditions. */
    private static int[][] generalise(DecodingTrials trials, int[] labels, int[][] training) {
        int[][] confusion = new int[2][2];
        int[] condition = trials.conditionOfTrial;
        int[][] trialsOf = trialsByCondition(condition);
        for (int[] pair : training) {
            GaussianClassModel model = GaussianClassModel.fit(trials.values, labels,
                    ascendingUnion(trialsOf[pair[0]], trialsOf[pair[1]]));
            for (int t = 0; t < labels.length; t++) {
                if (condition[t] != pair[0] && condition[t] != pair[1]) {
                    confusion[labels[t]][model.decode(trials.values[t])]++;
                }
            }
        }
        return confusion;
    }

    /** Pooled confusion counts {@code [true][decoded]} of decoding each fold with a model of the other folds. */
    private int[][] crossValidate(double[] values, int[] objects, int[] fold) {
        int[][] confusion = new int[2][2];
        for (int f = 0; f < folds; f++) {
            final int heldOut = f;
            GaussianClassModel model = GaussianClassModel.fit(values, objects,
                    IntStream.range(0, values.length).filter(t -> fold[t] != heldOut).toArray());
            for (int t = 0; t < values.length; t++) {
                if (fold[t] == f) {
                    confusion[objects[t]][model.decode(values[t])]++;
                }
            }
        }
        return confusion;
    }

    /** Each condition's trials, ascending. */
    private static int[][] trialsByCondition(int[] conditionOfTrial) {
        int conditions = Arrays.stream(conditionOfTrial).max().orElse(-1) + 1;
        int[] counts = new int[conditions];
        for (int c : conditionOfTrial) {
            counts[c]++;
        }
        int[][] trials = new int[conditions][];
        for (int c = 0; c < conditions; c++) {
            trials[c] = new int[counts[c]];
        }
        int[] filled = new int[conditions];
        for (int t = 0; t < conditionOfTrial.length; t++) {
            trials[conditionOfTrial[t]][filled[conditionOfTrial[t]]++] = t;
        }
        return trials;
    }

    /** The trials of two conditions merged in ascending order (the model's sums then run in trial order). */
    private static int[] ascendingUnion(int[] a, int[] b) {
        int[] merged = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length || j < b.length) {
            merged[k++] = j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
        }
        return merged;
    }

    private static double confusionBits(int[][] confusion) {
        ContingencyTable table = new ContingencyTable(2, 2);
        for (int truth = 0; truth < 2; truth++) {
            for (int decoded = 0; decoded < 2; decoded++) {
                table.addJoint(truth, decoded, confusion[truth][decoded]);
            }
        }
        table.deriveMarginals();
        return table.pluginBits();
    }
}
