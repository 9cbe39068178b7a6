package org.prunedistill.info;

import java.util.Arrays;

/**
 * The object pairs of one unit with equipopulated binning, prepared once for all pairs: each object's responses
 * sorted (the objects' conditions and mean RF luminance come from the {@link ObjectGroups} its position shares). A
 * pair's bin edges are order statistics of the union of two
 * objects' responses, found by bisection in the two sorted lists ({@link #kth}) instead of selecting among the
 * pair's trials anew, and its object table is counted from where each edge falls in each list; both tables are
 * scratch tables reused from pair to pair. Every value is that of binning and counting the pair's conditions on
 * their own ({@link InvariantObjectInformation}): the same edges, the same tables in the same order (rows of the
 * stimulus table beyond the pair's conditions stay empty and add 0; with one trial per condition the stimulus table
 * is not counted at all, its sums follow from the labels, and with the cached 3-bin Bayesian count the rows are not
 * even labelled, as every row adds the same term).
 */
final class ObjectPairs {

    private static final PanzeriTrevesCorrection BIAS = PanzeriTrevesCorrection.bayesian();

    /** The unit's trials, condition-major, and where each condition's start (read only). */
    private final double[] values;
    private final int[] starts;
    private final int responseBins;
    private final ObjectGroups groups;
    private final double[][] sorted;
    private final ContingencyTable objectTable;
    private final ContingencyTable stimulusTable;
    private final double[] edges;
    /** Whether every condition holds one trial: then a pair's stimulus table is known from its rows' labels. */
    private final boolean singleTrials;
    private final int[] labelOfRow;
    /** Whether the stimulus table's bias reads no row label (then the rows are not labelled at all). */
    private final boolean labelFreeRows;

    ObjectPairs(ConditionResponses responses, ObjectGroups groups, int responseBins) {
        this.values = responses.valuesView();
        this.starts = responses.startsView();
        this.responseBins = responseBins;
        this.groups = groups;
        int count = groups.objects();
        sorted = new double[count][];
        boolean single = true;
        int largest = 0;
        for (int o = 0; o < count; o++) {
            int[] conditions = groups.conditionsOf(o);
            int length = 0;
            for (int c : conditions) {
                length += starts[c + 1] - starts[c];
            }
            single &= length == conditions.length;
            double[] object = new double[length];
            int next = 0;
            for (int c : conditions) {
                for (int t = starts[c]; t < starts[c + 1]; t++) {
                    object[next++] = values[t];
                }
            }
            Arrays.sort(object);
            sorted[o] = object;
            largest = Math.max(largest, conditions.length);
        }
        singleTrials = single;
        objectTable = new ContingencyTable(responseBins, 2);
        stimulusTable = singleTrials ? null : new ContingencyTable(responseBins, 2 * largest);
        labelOfRow = singleTrials ? new int[2 * largest] : null;
        labelFreeRows = BIAS.singleTrialRowsIgnoreLabels(responseBins);
        edges = new double[responseBins - 1];
    }

    /** The pair of the {@code a}-th and {@code b}-th objects in id order ({@code a < b}). */
    PairInformation pair(int a, int b, double threshold) {
        double ratio = groups.ratio(a, b);
        if (!(ratio > threshold)) {
            CorrectedBits none = new CorrectedBits(Double.NaN, Double.NaN);
            return new PairInformation(groups.id(a), groups.id(b), ratio, false, none, none);
        }
        double[] first = sorted[a];
        double[] second = sorted[b];
        int n = first.length + second.length;
        if (n < responseBins) {
            BinningArguments.check(new double[n], responseBins);
        }
        for (int k = 1; k < responseBins; k++) {
            edges[k - 1] = kth(first, second, (int) ((long) k * n / responseBins) - 1) + 0.0;
        }
        // A trial's label is the number of edges below its value: the object table's cells are the differences
        // of how many of each object's sorted responses are at most each edge.
        objectTable.clear();
        countLabels(first, 0);
        countLabels(second, 1);
        objectTable.deriveMarginals();
        int rows = groups.conditionsOf(a).length + groups.conditionsOf(b).length;
        CorrectedBits stimulus;
        if (singleTrials && labelFreeRows) {
            stimulus = CorrectedBits.ofSingleTrialRows(objectTable,
                    BIAS.biasOfRowSum(BIAS.singleTrialRowsSum(rows), objectTable));
        } else {
            labelRows(groups.conditionsOf(a), groups.conditionsOf(b));
            if (singleTrials) {
                stimulus = CorrectedBits.ofSingleTrialRows(objectTable,
                        BIAS.biasOfSingleTrialRows(labelOfRow, rows, objectTable));
            } else {
                stimulusTable.deriveMarginals();
                stimulus = CorrectedBits.of(stimulusTable);
            }
        }
        return new PairInformation(groups.id(a), groups.id(b), ratio, true, CorrectedBits.of(objectTable),
                stimulus);
    }

    /** Counts an object's ascending responses into its row of the object table, by the current edges. */
    private void countLabels(double[] ascending, int object) {
        int below = 0;
        for (int k = 0; k < edges.length; k++) {
            int atMost = atMost(ascending, edges[k]);
            objectTable.addJoint(object, k, atMost - below);
            below = atMost;
        }
        objectTable.addJoint(object, edges.length, ascending.length - below);
    }

    /**
     * The pair's conditions in condition order, each labelled by the current edges: into {@link #labelOfRow} with
     * one trial per condition, else counted into the stimulus table.
     */
    private void labelRows(int[] conditionsA, int[] conditionsB) {
        if (!singleTrials) {
            stimulusTable.clear();
        }
        int i = 0;
        int j = 0;
        int row = 0;
        while (i < conditionsA.length || j < conditionsB.length) {
            boolean fromA = j == conditionsB.length || (i < conditionsA.length && conditionsA[i] < conditionsB[j]);
            int condition = fromA ? conditionsA[i++] : conditionsB[j++];
            for (int t = starts[condition]; t < starts[condition + 1]; t++) {
                double value = values[t];
                int label = 0;
                for (double edge : edges) {
                    label += value > edge ? 1 : 0;
                }
                if (singleTrials) {
                    labelOfRow[row] = label;
                } else {
                    stimulusTable.addJoint(row, label);
                }
            }
            row++;
        }
    }

    /**
     * The value of rank {@code rank} (0-based) among the union of two ascending lists: the number {@code i} taken
     * from the first is the smallest whose next value is not below the last one taken from the second, found by
     * bisection (a merge walk would read up to the whole pair per edge).
     */
    static double kth(double[] first, double[] second, int rank) {
        int take = rank + 1;
        int low = Math.max(0, take - second.length);
        int high = Math.min(take, first.length);
        while (low < high) {
            int i = (low + high) >>> 1;
            if (first[i] < second[take - i - 1]) {
                low = i + 1;
            } else {
                high = i;
            }
        }
        double lastOfFirst = low > 0 ? first[low - 1] : Double.NEGATIVE_INFINITY;
        double lastOfSecond = take - low > 0 ? second[take - low - 1] : Double.NEGATIVE_INFINITY;
        return lastOfFirst >= lastOfSecond ? lastOfFirst : lastOfSecond;
    }

    /** How many of the ascending values are at most {@code edge} (the first index whose value is above it). */
    private static int atMost(double[] ascending, double edge) {
        int low = 0;
        int high = ascending.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ascending[middle] > edge) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }
}
