package org.prunedistill.info;

import java.util.Arrays;

/**
 * Joint counts of (stimulus, response label) with their marginals; the one place the estimators count trials.
 * Mutable scratch space: callers {@link #clear()} and refill it for subsets or shuffles.
 */
final class ContingencyTable {

    private static final double LN2 = Math.log(2.0);

    private final int responseBins;
    private final int stimulusCount;
    private final int[] joint;
    private final int[] stimulusTotals;
    private final int[] responseTotals;
    private int trials;

    ContingencyTable(int responseBins, int stimulusCount) {
        this.responseBins = responseBins;
        this.stimulusCount = stimulusCount;
        this.joint = new int[Math.multiplyExact(responseBins, stimulusCount)];
        this.stimulusTotals = new int[stimulusCount];
        this.responseTotals = new int[responseBins];
    }

    /** Counts every trial; labels must already be validated. */
    static ContingencyTable of(int[] responses, int[] stimuli, int responseBins, int stimulusCount) {
        ContingencyTable table = new ContingencyTable(responseBins, stimulusCount);
        table.addAll(responses, stimuli);
        return table;
    }

    void addAll(int[] responses, int[] stimuli) {
        for (int i = 0; i < responses.length; i++) {
            add(stimuli[i], responses[i]);
        }
    }

    void add(int stimulus, int response) {
        joint[stimulus * responseBins + response]++;
        stimulusTotals[stimulus]++;
        responseTotals[response]++;
        trials++;
    }

    void clear() {
        Arrays.fill(joint, 0);
        Arrays.fill(stimulusTotals, 0);
        Arrays.fill(responseTotals, 0);
        trials = 0;
    }

    int responseBins() {
        return responseBins;
    }

    int stimulusCount() {
        return stimulusCount;
    }

    int trials() {
        return trials;
    }

    int joint(int stimulus, int response) {
        return joint[stimulus * responseBins + response];
    }

    int stimulusTotal(int stimulus) {
        return stimulusTotals[stimulus];
    }

    int responseTotal(int response) {
        return responseTotals[response];
    }

    int[] responseCounts() {
        return responseTotals.clone();
    }

    /**
     * Plug-in mutual information in bits, {@code sum_{s,r} (n_sr / N) log2(n_sr N / (n_s n_r))} (SCIENCE.md 4.1);
     * NaN when the table is empty.
     */
    double pluginBits() {
        if (trials == 0) {
            return Double.NaN;
        }
        double n = trials;
        double sum = 0.0;
        for (int s = 0; s < stimulusCount; s++) {
            int ns = stimulusTotals[s];
            if (ns == 0) {
                continue;
            }
            int row = s * responseBins;
            for (int r = 0; r < responseBins; r++) {
                int count = joint[row + r];
                if (count > 0) {
                    sum += count * Math.log(count * n / ((double) ns * responseTotals[r]));
                }
            }
        }
        return sum / (n * LN2);
    }
}
