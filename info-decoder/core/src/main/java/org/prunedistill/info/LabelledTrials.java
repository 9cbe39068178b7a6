package org.prunedistill.info;

/**
 * One unit's binned responses with the condition of each trial: the shared input of the decomposition and the
 * object-pair analyses, which relabel conditions (by feature level, by object) without re-binning the responses.
 */
final class LabelledTrials {

    private final int[] responses;
    private final int[] conditionOfTrial;
    /** Condition {@code c}'s trials are {@code [conditionStarts[c], conditionStarts[c + 1])} (condition-major). */
    private final int[] conditionStarts;
    private final int responseBins;
    /** I(R;S) with S the condition, computed on first use: the decompositions of one unit share it. */
    private CorrectedBits aboutConditions;

    private LabelledTrials(int[] responses, int[] conditionOfTrial, int conditions, int responseBins) {
        this.responses = responses;
        this.conditionOfTrial = conditionOfTrial;
        this.responseBins = responseBins;
        this.conditionStarts = new int[conditions + 1];
        for (int condition : conditionOfTrial) {
            conditionStarts[condition + 1]++;
        }
        for (int c = 0; c < conditions; c++) {
            conditionStarts[c + 1] += conditionStarts[c];
        }
    }

    /** Bins all trials of all conditions together (SCIENCE.md 4.2: binning is over the whole analysis). */
    static LabelledTrials of(ConditionResponses trials, Binning binning, int responseBins) {
        return Scratch.current().binned(trials, binning, responseBins,
                () -> new LabelledTrials(binning.labels(trials.flatValues(), responseBins), trials.conditionOfTrial(),
                        trials.conditions(), responseBins));
    }

    int trials() {
        return responses.length;
    }

    /** The response label of every trial, condition-major (not copied: read only). */
    int[] labels() {
        return responses;
    }

    /** The condition of every trial (not copied: read only). */
    int[] conditionOfTrial() {
        return conditionOfTrial;
    }

    /** I(R;X) where X = {@code labelOfCondition[condition]}, labels in {@code 0 .. labelCount-1}. */
    CorrectedBits about(int[] labelOfCondition, int labelCount) {
        ContingencyTable table = new ContingencyTable(responseBins, labelCount);
        for (int t = 0; t < responses.length; t++) {
            table.addJoint(labelOfCondition[conditionOfTrial[t]], responses[t]);
        }
        table.deriveMarginals();
        return CorrectedBits.of(table);
    }

    /** I(R;S) with S the condition: {@link #about} with every condition its own label, the same value. */
    CorrectedBits aboutConditions() {
        if (aboutConditions == null) {
            int conditions = conditionStarts.length - 1;
            aboutConditions = oneTrialPerCondition()
                    ? ofSingleTrialRows(FeatureDecomposition.identity(conditions), 0, conditions)
                    : about(FeatureDecomposition.identity(conditions), conditions);
        }
        return aboutConditions;
    }

    /**
     * I(R;S|Z) with S the condition and Z = {@code levelOfCondition[condition]}: {@link #conditional} with every
     * condition its own label, the same value.
     */
    CorrectedBits conditionsWithin(int[] levelOfCondition, int levels) {
        int conditions = levelOfCondition.length;
        if (!oneTrialPerCondition()) {
            return conditional(FeatureDecomposition.identity(conditions), conditions, levelOfCondition, levels);
        }
        // The level's rows are its conditions in ascending order, as the stable sorts of conditional() give them.
        int[] order = countingSort(FeatureDecomposition.identity(conditions), levelOfCondition, levels);
        double plugin = 0.0;
        double corrected = 0.0;
        for (int from = 0; from < conditions; ) {
            int to = from;
            while (to < conditions && levelOfCondition[order[to]] == levelOfCondition[order[from]]) {
                to++;
            }
            double weight = (double) (to - from) / responses.length;
            CorrectedBits term = ofSingleTrialRows(order, from, to);
            plugin += weight * term.pluginBits();
            corrected += weight * term.panzeriTrevesBits();
            from = to;
        }
        return new CorrectedBits(plugin, corrected);
    }

    private boolean oneTrialPerCondition() {
        return responses.length == conditionStarts.length - 1;
    }

    /**
     * The value of a table whose rows are the conditions {@code order[from .. to)}, one trial each
     * ({@link CorrectedBits#ofSingleTrialRows}, the bias counted row by row from the labels).
     */
    private CorrectedBits ofSingleTrialRows(int[] order, int from, int to) {
        ContingencyTable margins = new ContingencyTable(responseBins, 1);
        int[] labelOfRow = new int[to - from];
        for (int i = from; i < to; i++) {
            int label = responses[conditionStarts[order[i]]];
            labelOfRow[i - from] = label;
            margins.addJoint(0, label);
        }
        margins.deriveMarginals();
        return CorrectedBits.ofSingleTrialRows(margins,
                PanzeriTrevesCorrection.bayesian().biasOfSingleTrialRows(labelOfRow, to - from, margins));
    }

    /**
     * {@code I(R;Y|Z) = sum_z P(z) I(R;Y|Z=z)} with Y = {@code labelOfCondition[condition]} (in
     * {@code 0 .. labelCount-1}) and Z = {@code levelOfCondition[condition]} (in {@code 0 .. levels-1}), each term
     * computed on the trials of level z. PT corrects each level with its own trials, so the weighted bias is
     * {@code [sum_(y,z) (R_yz - 1) - sum_z (R_z - 1)] / (2 N ln 2)} and PT(Y,Z) = PT(Z) + PT(Y|Z) holds exactly.
     *
     * <p>Each level's table holds only the labels its conditions take, in ascending label order: the labels it lacks
     * are empty rows, which add exactly 0 to every sum of the table in the same order, so the value is that of the
     * full {@code labelCount}-row table at a fraction of the work (conditions are grouped by level and label with two
     * stable counting sorts).
     */
    CorrectedBits conditional(int[] labelOfCondition, int labelCount, int[] levelOfCondition, int levels) {
        int conditions = levelOfCondition.length;
        int[] byLabel = countingSort(FeatureDecomposition.identity(conditions), labelOfCondition, labelCount);
        int[] order = countingSort(byLabel, levelOfCondition, levels);
        int[] rowOfCondition = new int[conditions];
        int widest = 0;
        for (int i = 0, rows = 0; i < conditions; i++) {
            int c = order[i];
            boolean newLevel = i == 0 || levelOfCondition[order[i - 1]] != levelOfCondition[c];
            rows = newLevel ? 1 : rows + (labelOfCondition[order[i - 1]] != labelOfCondition[c] ? 1 : 0);
            rowOfCondition[c] = rows - 1;
            widest = Math.max(widest, rows);
        }
        ContingencyTable table = new ContingencyTable(responseBins, Math.max(widest, 1));
        double plugin = 0.0;
        double corrected = 0.0;
        int i = 0;
        while (i < conditions) {
            int level = levelOfCondition[order[i]];
            table.clear();
            for (; i < conditions && levelOfCondition[order[i]] == level; i++) {
                int c = order[i];
                for (int t = conditionStarts[c]; t < conditionStarts[c + 1]; t++) {
                    table.addJoint(rowOfCondition[c], responses[t]);
                }
            }
            table.deriveMarginals();
            if (table.trials() == 0) {
                continue;
            }
            double weight = (double) table.trials() / responses.length;
            CorrectedBits term = CorrectedBits.of(table);
            plugin += weight * term.pluginBits();
            corrected += weight * term.panzeriTrevesBits();
        }
        return new CorrectedBits(plugin, corrected);
    }

    /** {@code items} stably sorted by {@code key[item]} in {@code 0 .. keys-1}. */
    private static int[] countingSort(int[] items, int[] key, int keys) {
        int[] starts = new int[keys + 1];
        for (int item : items) {
            starts[key[item] + 1]++;
        }
        for (int k = 0; k < keys; k++) {
            starts[k + 1] += starts[k];
        }
        int[] sorted = new int[items.length];
        for (int item : items) {
            sorted[starts[key[item]]++] = item;
        }
        return sorted;
    }
}
