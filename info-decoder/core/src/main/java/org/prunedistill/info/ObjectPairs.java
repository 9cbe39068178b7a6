package org.prunedistill.info;

import java.util.Arrays;
import java.util.List;

/**
 * The object pairs of one unit with equipopulated binning, prepared once for all pairs: each object's conditions,
 * its mean RF luminance and its responses sorted. A pair's bin edges are order statistics of the union of two
 * objects' responses, found by walking the two sorted lists ({@link #kth}) instead of selecting among the pair's
 * trials anew, and its two tables are counted in scratch tables reused from pair to pair. Every value is that of
 * binning and counting the pair's conditions on their own ({@link InvariantObjectInformation}): the same edges, the
 * same tables in the same order (rows of the stimulus table beyond the pair's conditions stay empty and add 0; with
 * one trial per condition the stimulus table is not counted at all, its sums follow from the labels).
 */
final class ObjectPairs {

    private final double[][] trials;
    private final int responseBins;
    private final int[][] conditionsOf;
    private final double[] meanLuminance;
    private final double[][] sorted;
    private final int[] ids;
    private final ContingencyTable objectTable;
    private final ContingencyTable stimulusTable;
    private final double[] edges;
    /** Whether every condition holds one trial: then a pair's stimulus table is known from its rows' labels. */
    private final boolean singleTrials;
    private final int[] labelOfRow;

    ObjectPairs(ConditionResponses responses, ConditionFeatures features, List<Integer> ids, int responseBins) {
        this.trials = responses.view();
        this.responseBins = responseBins;
        this.ids = ids.stream().mapToInt(Integer::intValue).toArray();
        int[] objects = features.objectsView();
        double[] luminance = features.luminanceView();
        int count = this.ids.length;
        int[] conditions = new int[count];
        int[] trialCount = new int[count];
        int[] slot = new int[objects.length];
        for (int c = 0; c < objects.length; c++) {
            slot[c] = Arrays.binarySearch(this.ids, objects[c]);
            conditions[slot[c]]++;
            trialCount[slot[c]] += trials[c].length;
        }
        conditionsOf = new int[count][];
        sorted = new double[count][];
        for (int o = 0; o < count; o++) {
            conditionsOf[o] = new int[conditions[o]];
            sorted[o] = new double[trialCount[o]];
        }
        int[] nextCondition = new int[count];
        int[] nextTrial = new int[count];
        meanLuminance = new double[count];
        for (int c = 0; c < objects.length; c++) {
            int o = slot[c];
            conditionsOf[o][nextCondition[o]++] = c;
            System.arraycopy(trials[c], 0, sorted[o], nextTrial[o], trials[c].length);
            nextTrial[o] += trials[c].length;
            // The same sum in the same order as LuminanceRatio's mean over the object's conditions.
            meanLuminance[o] += luminance[c];
        }
        boolean single = true;
        for (double[] condition : trials) {
            single &= condition.length == 1;
        }
        singleTrials = single;
        int largest = 0;
        for (int o = 0; o < count; o++) {
            meanLuminance[o] /= conditions[o];
            Arrays.sort(sorted[o]);
            largest = Math.max(largest, conditions[o]);
        }
        objectTable = new ContingencyTable(responseBins, 2);
        stimulusTable = singleTrials ? null : new ContingencyTable(responseBins, 2 * largest);
        labelOfRow = singleTrials ? new int[2 * largest] : null;
        edges = new double[responseBins - 1];
    }

    /** The pair of the {@code a}-th and {@code b}-th objects in id order ({@code a < b}). */
    PairInformation pair(int a, int b, double threshold) {
        double ratio = LuminanceRatio.ofMeans(meanLuminance[a], meanLuminance[b]);
        if (!(ratio > threshold)) {
            CorrectedBits none = new CorrectedBits(Double.NaN, Double.NaN);
            return new PairInformation(ids[a], ids[b], ratio, false, none, none);
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
        objectTable.clear();
        if (!singleTrials) {
            stimulusTable.clear();
        }
        int[] conditionsA = conditionsOf[a];
        int[] conditionsB = conditionsOf[b];
        int i = 0;
        int j = 0;
        int row = 0;
        while (i < conditionsA.length || j < conditionsB.length) {
            boolean fromA = j == conditionsB.length || (i < conditionsA.length && conditionsA[i] < conditionsB[j]);
            int condition = fromA ? conditionsA[i++] : conditionsB[j++];
            int object = fromA ? 0 : 1;
            for (double value : trials[condition]) {
                int label = 0;
                for (double edge : edges) {
                    label += value > edge ? 1 : 0;
                }
                objectTable.addJoint(object, label);
                if (singleTrials) {
                    labelOfRow[row] = label;
                } else {
                    stimulusTable.addJoint(row, label);
                }
            }
            row++;
        }
        objectTable.deriveMarginals();
        CorrectedBits stimulus;
        if (singleTrials) {
            stimulus = singleTrialStimulus(row);
        } else {
            stimulusTable.deriveMarginals();
            stimulus = CorrectedBits.of(stimulusTable);
        }
        return new PairInformation(ids[a], ids[b], ratio, true, CorrectedBits.of(objectTable), stimulus);
    }

    /**
     * I(R;S) of a pair whose {@code rows} conditions hold one trial each, from the object table's response totals
     * (the same trials): every cell and row total of the stimulus table is 0 or 1, whose {@code n ln n} is exactly 0,
     * so its plug-in sum is that of the response totals alone, and its Panzeri-Treves bias is counted row by row
     * from the labels ({@link PanzeriTrevesCorrection#biasOfSingleTrialRows}): the values of counting the table.
     */
    private CorrectedBits singleTrialStimulus(int rows) {
        double plugin = ContingencyTable.pluginBits(0.0, 0.0, objectTable.responseNLogNSum(), objectTable.trials());
        return new CorrectedBits(plugin, plugin - PanzeriTrevesCorrection.bayesian().biasOfSingleTrialRows(
                labelOfRow, rows, objectTable));
    }

    /** The value of rank {@code rank} (0-based) among the union of two ascending lists. */
    private static double kth(double[] first, double[] second, int rank) {
        int i = 0;
        int j = 0;
        while (true) {
            boolean takeFirst = j == second.length || (i < first.length && first[i] <= second[j]);
            double value = takeFirst ? first[i++] : second[j++];
            if (i + j > rank) {
                return value;
            }
        }
    }
}
