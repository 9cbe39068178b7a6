package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** One object pair's trials for {@link SingleUnitDecoder}: response, object (0/1) and view of every trial. */
final class DecodingTrials {

    final double[] values;
    final int[] objects;
    final int[] conditionOfTrial;
    /** Object (0/1) of each condition. */
    final int[] objectOfCondition;
    /** Trial indices grouped by view: view group {@code g} owns {@code byView[viewStart[g] .. viewStart[g+1])}. */
    private final int[] byView;
    private final int[] viewStart;

    private DecodingTrials(double[] values, int[] objects, int[] conditionOfTrial, int[] objectOfCondition,
            int[] byView, int[] viewStart) {
        this.values = values;
        this.objects = objects;
        this.conditionOfTrial = conditionOfTrial;
        this.objectOfCondition = objectOfCondition;
        this.byView = byView;
        this.viewStart = viewStart;
    }

    static DecodingTrials of(ConditionResponses responses, int[] objectOfCondition, int[] viewOfCondition,
            int folds) {
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(objectOfCondition, "objectOfCondition");
        Objects.requireNonNull(viewOfCondition, "viewOfCondition");
        int conditions = responses.conditions();
        if (objectOfCondition.length != conditions || viewOfCondition.length != conditions) {
            throw new IllegalArgumentException("objectOfCondition and viewOfCondition must hold one entry per "
                    + "condition (" + conditions + "), got " + objectOfCondition.length + " and "
                    + viewOfCondition.length);
        }
        int[] binary = binaryObjects(objectOfCondition);
        int[] conditionOfTrial = responses.conditionOfTrial();
        int[] objects = new int[conditionOfTrial.length];
        int[] perObject = new int[2];
        for (int t = 0; t < objects.length; t++) {
            objects[t] = binary[conditionOfTrial[t]];
            perObject[objects[t]]++;
        }
        if (Math.min(perObject[0], perObject[1]) < folds) {
            throw new IllegalArgumentException("responses hold " + perObject[0] + " and " + perObject[1]
                    + " trials of the two objects; need at least folds = " + folds + " of each");
        }
        Integer[] order = new Integer[objects.length];
        for (int t = 0; t < order.length; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(viewOfCondition[conditionOfTrial[a]],
                viewOfCondition[conditionOfTrial[b]]));
        int[] byView = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        int[] starts = new int[byView.length + 1];
        int groups = 0;
        for (int i = 0; i < byView.length; i++) {
            if (i == 0 || viewOfCondition[conditionOfTrial[byView[i]]]
                    != viewOfCondition[conditionOfTrial[byView[i - 1]]]) {
                starts[groups++] = i;
            }
        }
        starts[groups] = byView.length;
        return new DecodingTrials(responses.flatValues(), objects, conditionOfTrial, binary, byView,
                Arrays.copyOf(starts, groups + 1));
    }

    /**
     * Fold of each trial: each condition's trials in random order are dealt to the folds in turn, one running
     * counter per object, so each object has a trial in every fold (given at least {@code folds} trials) and every
     * training set holds both objects.
     */
    int[] stratifiedFolds(int folds, RandomGenerator rng) {
        int[] order = new int[values.length];
        for (int t = 0; t < order.length; t++) {
            order[t] = t;
        }
        // Trials are stored condition by condition: shuffle within each condition's block.
        int from = 0;
        for (int t = 1; t <= order.length; t++) {
            if (t == order.length || conditionOfTrial[t] != conditionOfTrial[from]) {
                TrialShuffling.shuffle(order, from, t, rng);
                from = t;
            }
        }
        int[] fold = new int[values.length];
        int[] next = new int[2];
        for (int trial : order) {
            fold[trial] = next[objects[trial]]++ % folds;
        }
        return fold;
    }

    /** The conditions of object {@code binaryObject} (0 or 1), ascending. */
    int[] conditionsOf(int binaryObject) {
        int[] conditions = new int[objectOfCondition.length];
        int n = 0;
        for (int c = 0; c < objectOfCondition.length; c++) {
            if (objectOfCondition[c] == binaryObject) {
                conditions[n++] = c;
            }
        }
        return Arrays.copyOf(conditions, n);
    }

    /** Permutes {@code labels} among the trials of each view, in place. */
    void shuffleWithinViews(int[] labels, RandomGenerator rng) {
        int[] group = new int[byView.length];
        for (int g = 0; g + 1 < viewStart.length; g++) {
            int from = viewStart[g];
            int to = viewStart[g + 1];
            for (int i = from; i < to; i++) {
                group[i] = labels[byView[i]];
            }
            TrialShuffling.shuffle(group, from, to, rng);
            for (int i = from; i < to; i++) {
                labels[byView[i]] = group[i];
            }
        }
    }

    /** Maps the two distinct object ids to 0 (the smaller) and 1. */
    private static int[] binaryObjects(int[] objectOfCondition) {
        int low = Arrays.stream(objectOfCondition).min().orElseThrow();
        int high = Arrays.stream(objectOfCondition).max().orElseThrow();
        int[] binary = new int[objectOfCondition.length];
        for (int c = 0; c < binary.length; c++) {
            if (objectOfCondition[c] != low && objectOfCondition[c] != high) {
                throw new IllegalArgumentException("objectOfCondition holds more than two objects: "
                        + low + ", " + objectOfCondition[c] + ", " + high);
            }
            binary[c] = objectOfCondition[c] == low ? 0 : 1;
        }
        if (low == high) {
            throw new IllegalArgumentException("objectOfCondition holds a single object " + low + "; need two");
        }
        return binary;
    }
}
