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
    /** The last labels {@link #about} was asked for, their count and its value. */
    private int[] lastLabels;
    private int lastLabelCount;
    private CorrectedBits lastAbout;

    private LabelledTrials(int[] responses, int[] conditionOfTrial, int[] conditionStarts, int responseBins) {
        this.responses = responses;
        this.conditionOfTrial = conditionOfTrial;
        this.conditionStarts = conditionStarts;
        this.responseBins = responseBins;
    }

    /** Bins all trials of all conditions together (SCIENCE.md 4.2: binning is over the whole analysis). */
    static LabelledTrials of(ConditionResponses trials, Binning binning, int responseBins) {
        // The responses' own condition starts (read only, as here): the trials are condition-major in both.
        return Scratch.current().binned(trials, binning, responseBins,
                () -> new LabelledTrials(binning.labels(trials.flatValues(), responseBins), trials.conditionOfTrial(),
                        trials.startsView(), responseBins));
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

    /**
     * I(R;X) where X = {@code labelOfCondition[condition]}, labels in {@code 0 .. labelCount-1}. The last value is
     * kept for the same labels (the same array, never written): a unit's luminance decomposition and its luminance
     * information within object both ask for I(R;L).
     */
    CorrectedBits about(int[] labelOfCondition, int labelCount) {
        if (labelOfCondition == lastLabels && labelCount == lastLabelCount) {
            return lastAbout;
        }
        ContingencyTable table = new ContingencyTable(responseBins, labelCount);
        for (int t = 0; t < responses.length; t++) {
            table.addJoint(labelOfCondition[conditionOfTrial[t]], responses[t]);
        }
        table.deriveMarginals();
        lastAbout = CorrectedBits.of(table);
        lastLabels = labelOfCondition;
        lastLabelCount = labelCount;
        return lastAbout;
    }

    /** I(R;S) with S the condition: {@link #about} with every condition its own label, the same value. */
    CorrectedBits aboutConditions() {
        if (aboutConditions == null) {
            int conditions = conditionStarts.length - 1;
            aboutConditions = oneTrialPerCondition()
                    ? ofSingleTrialRows(null, 0, conditions, new ContingencyTable(responseBins, 1))
                    : about(FeatureDecomposition.identity(conditions), conditions);
        }
        return aboutConditions;
    }

    /**
     * I(R;S|Z) with S the condition and Z the level the conditions are grouped by ({@link ConditionGroups#byLevel}):
     * {@link #conditional} of that grouping, the same value.
     */
    CorrectedBits conditionsWithin(ConditionGroups byLevel) {
        if (!oneTrialPerCondition()) {
            return conditional(byLevel);
        }
        // The level's rows are its conditions in ascending order, as in the grouping.
        ContingencyTable margins = new ContingencyTable(responseBins, 1);
        double plugin = 0.0;
        double corrected = 0.0;
        for (int g = 0; g < byLevel.groups(); g++) {
            int from = byLevel.groupStart(g);
            int to = byLevel.groupStart(g + 1);
            double weight = (double) (to - from) / responses.length;
            CorrectedBits term = ofSingleTrialRows(byLevel, from, to, margins);
            plugin += weight * term.pluginBits();
            corrected += weight * term.panzeriTrevesBits();
        }
        return new CorrectedBits(plugin, corrected);
    }

    private boolean oneTrialPerCondition() {
        return responses.length == conditionStarts.length - 1;
    }

    /**
     * The value of a table whose rows are the conditions at {@code from .. to} of the grouped order (of every
     * condition in order when {@code groups} is null), one trial each ({@link CorrectedBits#ofSingleTrialRows}, the
     * bias counted row by row from the labels); {@code margins} is scratch for the response totals.
     */
    private CorrectedBits ofSingleTrialRows(ConditionGroups groups, int from, int to, ContingencyTable margins) {
        margins.clear();
        PanzeriTrevesCorrection bias = PanzeriTrevesCorrection.bayesian();
        if (bias.singleTrialRowsIgnoreLabels(responseBins)) {
            for (int i = from; i < to; i++) {
                margins.addJoint(0, responses[conditionStarts[groups == null ? i : groups.condition(i)]]);
            }
            margins.deriveMarginals();
            // Every row adds the same term (biasOfSingleTrialRows without reading the labels).
            return CorrectedBits.ofSingleTrialRows(margins, bias.biasOfRowSum(bias.singleTrialRowsSum(to - from),
                    margins));
        }
        int[] labelOfRow = new int[to - from];
        for (int i = from; i < to; i++) {
            int label = responses[conditionStarts[groups == null ? i : groups.condition(i)]];
            labelOfRow[i - from] = label;
            margins.addJoint(0, label);
        }
        margins.deriveMarginals();
        return CorrectedBits.ofSingleTrialRows(margins, bias.biasOfSingleTrialRows(labelOfRow, to - from, margins));
    }

    /**
     * {@code I(R;Y|Z) = sum_z P(z) I(R;Y|Z=z)} with Z the level and Y the label of the conditions' grouping
     * ({@link ConditionGroups}), each term computed on the trials of level z. PT corrects each level with its own
     * trials, so the weighted bias is {@code [sum_(y,z) (R_yz - 1) - sum_z (R_z - 1)] / (2 N ln 2)} and
     * PT(Y,Z) = PT(Z) + PT(Y|Z) holds exactly.
     *
     * <p>Each level's table holds only the labels its conditions take, in ascending label order: the labels it lacks
     * are empty rows, which add exactly 0 to every sum of the table in the same order, so the value is that of the
     * full table of every label at a fraction of the work.
     */
    CorrectedBits conditional(ConditionGroups groups) {
        ContingencyTable table = new ContingencyTable(responseBins, Math.max(groups.widest(), 1));
        double plugin = 0.0;
        double corrected = 0.0;
        for (int g = 0; g < groups.groups(); g++) {
            table.clear();
            for (int i = groups.groupStart(g); i < groups.groupStart(g + 1); i++) {
                int c = groups.condition(i);
                int row = groups.rowAt(i, g);
                for (int t = conditionStarts[c]; t < conditionStarts[c + 1]; t++) {
                    table.addJoint(row, responses[t]);
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
}
