package org.prunedistill.info;

/**
 * One unit's binned responses with the condition of each trial: the shared input of the decomposition and the
 * object-pair analyses, which relabel conditions (by feature level, by object) without re-binning the responses.
 */
final class LabelledTrials {

    private final int[] responses;
    private final int[] conditionOfTrial;
    private final int responseBins;

    private LabelledTrials(int[] responses, int[] conditionOfTrial, int responseBins) {
        this.responses = responses;
        this.conditionOfTrial = conditionOfTrial;
        this.responseBins = responseBins;
    }

    /** Bins all trials of all conditions together (SCIENCE.md 4.2: binning is over the whole analysis). */
    static LabelledTrials of(ConditionResponses trials, Binning binning, int responseBins) {
        return new LabelledTrials(binning.labels(trials.flatValues(), responseBins), trials.conditionOfTrial(),
                responseBins);
    }

    int trials() {
        return responses.length;
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

    /**
     * {@code I(R;Y|Z) = sum_z P(z) I(R;Y|Z=z)} with Y = {@code labelOfCondition[condition]} (in
     * {@code 0 .. labelCount-1}) and Z = {@code levelOfCondition[condition]} (in {@code 0 .. levels-1}), each term
     * computed on the trials of level z. PT corrects each level with its own trials, so the weighted bias is
     * {@code [sum_(y,z) (R_yz - 1) - sum_z (R_z - 1)] / (2 N ln 2)} and PT(Y,Z) = PT(Z) + PT(Y|Z) holds exactly.
     */
    CorrectedBits conditional(int[] labelOfCondition, int labelCount, int[] levelOfCondition, int levels) {
        ContingencyTable table = new ContingencyTable(responseBins, labelCount);
        double plugin = 0.0;
        double corrected = 0.0;
        for (int level = 0; level < levels; level++) {
            table.clear();
            for (int t = 0; t < responses.length; t++) {
                int condition = conditionOfTrial[t];
                if (levelOfCondition[condition] == level) {
                    table.addJoint(labelOfCondition[condition], responses[t]);
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
