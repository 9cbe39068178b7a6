package org.prunedistill.info;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One object pair's pseudo-trials for {@link PopulationDecoder}: the population vector, object (0/1), condition and
 * view of every row; decodes them with a linear SVM under cross-validation or view generalisation. Features are
 * z-scored with the training rows' mean and SD (SD 0 counts as 1) before training and testing.
 */
final class PairDecoding {

    /** Plug-in MI of the pooled confusion matrix, its chance level and the percent correct. */
    record Score(double bits, double chanceBits, double percentCorrect) {
    }

    private final double[][] rows;
    private final int[] objects;
    private final int[] conditions;
    private final int[] views;
    private final LinearSupportVectorMachine machine;

    PairDecoding(double[][] rows, int[] objects, int[] conditions, int[] views, LinearSupportVectorMachine machine) {
        this.rows = rows;
        this.objects = objects;
        this.conditions = conditions;
        this.views = views;
        this.machine = machine;
    }

    /** Stratified {@code folds}-fold cross-validation (rows of each condition dealt to the folds in turn). */
    Score separability(int folds, int chanceShuffles, RandomGenerator rng) {
        int[] fold = new int[rows.length];
        int[] order = shuffledIndices(rng);
        int[] next = new int[2];
        for (int c : sortedByCondition(order)) {
            fold[c] = next[objects[c]]++ % folds;
        }
        int[][] confusion = new int[2][2];
        crossValidate(objects, fold, folds, confusion, rng);
        double chance = 0.0;
        for (int k = 0; k < chanceShuffles; k++) {
            int[][] shuffled = new int[2][2];
            crossValidate(shuffleWithinViews(rng), fold, folds, shuffled, rng);
            chance += bits(shuffled);
        }
        return score(confusion, chanceShuffles == 0 ? Double.NaN : chance / chanceShuffles);
    }

    /** Train on the rows of one condition of each object, test on every other condition; all combinations. */
    Score generalisation(int chanceShuffles, RandomGenerator rng) {
        int[] first = conditionsOf(0);
        int[] second = conditionsOf(1);
        int[][] confusion = new int[2][2];
        generalise(objects, first, second, confusion, rng);
        double chance = 0.0;
        for (int k = 0; k < chanceShuffles; k++) {
            int[][] shuffled = new int[2][2];
            generalise(shuffleWithinViews(rng), first, second, shuffled, rng);
            chance += bits(shuffled);
        }
        return score(confusion, chanceShuffles == 0 ? Double.NaN : chance / chanceShuffles);
    }

    private void crossValidate(int[] labels, int[] fold, int folds, int[][] confusion, RandomGenerator rng) {
        for (int f = 0; f < folds; f++) {
            boolean[] train = new boolean[rows.length];
            for (int t = 0; t < rows.length; t++) {
                train[t] = fold[t] != f;
            }
            trainAndTest(labels, train, confusion, rng);
        }
    }

    private void generalise(int[] labels, int[] first, int[] second, int[][] confusion, RandomGenerator rng) {
        for (int a : first) {
            for (int b : second) {
                boolean[] train = new boolean[rows.length];
                for (int t = 0; t < rows.length; t++) {
                    train[t] = conditions[t] == a || conditions[t] == b;
                }
                trainAndTest(labels, train, confusion, rng);
            }
        }
    }

    /** Fits on the rows with {@code train} set and decodes the others into {@code confusion[true][decoded]}. */
    private void trainAndTest(int[] labels, boolean[] train, int[][] confusion, RandomGenerator rng) {
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        int n = 0;
        for (int t = 0; t < rows.length; t++) {
            if (train[t]) {
                n++;
                for (int j = 0; j < d; j++) {
                    mean[j] += rows[t][j];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int t = 0; t < rows.length; t++) {
            if (train[t]) {
                for (int j = 0; j < d; j++) {
                    sd[j] += (rows[t][j] - mean[j]) * (rows[t][j] - mean[j]);
                }
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = sd[j] > 0 ? Math.sqrt(sd[j] / n) : 1.0;
        }
        double[][] x = new double[n][];
        int[] y = new int[n];
        int next = 0;
        for (int t = 0; t < rows.length; t++) {
            if (train[t]) {
                x[next] = standardise(rows[t], mean, sd);
                y[next++] = labels[t];
            }
        }
        LinearClassifier classifier = machine.fit(x, y, rng);
        for (int t = 0; t < rows.length; t++) {
            if (!train[t]) {
                confusion[labels[t]][classifier.decide(standardise(rows[t], mean, sd))]++;
            }
        }
    }

    private static double[] standardise(double[] row, double[] mean, double[] sd) {
        double[] z = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            z[j] = (row[j] - mean[j]) / sd[j];
        }
        return z;
    }

    /** Object labels permuted among the rows of each view (keeps view information, removes object information). */
    private int[] shuffleWithinViews(RandomGenerator rng) {
        int[] labels = objects.clone();
        Integer[] byView = new Integer[rows.length];
        for (int t = 0; t < rows.length; t++) {
            byView[t] = t;
        }
        Arrays.sort(byView, (a, b) -> Integer.compare(views[a], views[b]));
        int from = 0;
        for (int i = 1; i <= byView.length; i++) {
            if (i == byView.length || views[byView[i]] != views[byView[from]]) {
                int[] group = new int[i - from];
                for (int g = 0; g < group.length; g++) {
                    group[g] = objects[byView[from + g]];
                }
                TrialShuffling.shuffle(group, 0, group.length, rng);
                for (int g = 0; g < group.length; g++) {
                    labels[byView[from + g]] = group[g];
                }
                from = i;
            }
        }
        return labels;
    }

    private int[] shuffledIndices(RandomGenerator rng) {
        int[] order = new int[rows.length];
        for (int t = 0; t < order.length; t++) {
            order[t] = t;
        }
        TrialShuffling.shuffle(order, 0, order.length, rng);
        return order;
    }

    /** The shuffled indices, stably grouped by condition (random order within each condition). */
    private int[] sortedByCondition(int[] order) {
        Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, (a, b) -> Integer.compare(conditions[a], conditions[b]));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /** The conditions of one object (rows carry the true object), ascending. */
    private int[] conditionsOf(int object) {
        java.util.TreeSet<Integer> found = new java.util.TreeSet<>();
        for (int t = 0; t < rows.length; t++) {
            if (objects[t] == object) {
                found.add(conditions[t]);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Score score(int[][] confusion, double chanceBits) {
        int total = confusion[0][0] + confusion[0][1] + confusion[1][0] + confusion[1][1];
        return new Score(bits(confusion), chanceBits, 100.0 * (confusion[0][0] + confusion[1][1]) / total);
    }

    /** Plug-in MI in bits of a 2 x 2 confusion matrix {@code [true][decoded]}. */
    static double bits(int[][] confusion) {
        ContingencyTable table = new ContingencyTable(2, 2);
        for (int truth = 0; truth < 2; truth++) {
            for (int decoded = 0; decoded < 2; decoded++) {
                for (int k = 0; k < confusion[truth][decoded]; k++) {
                    table.addJoint(truth, decoded);
                }
            }
        }
        table.deriveMarginals();
        return table.pluginBits();
    }
}
