package org.prunedistill.info.analysis;

import java.util.Arrays;

/**
 * One unit's responses without its missing trials (NaN, a recorded neuron's lost presentations): the information
 * of a unit is computed from the trials it has. CNN layers have none, and then the arrays pass through unchanged.
 *
 * @param responses the valid responses, in their original order
 * @param kept      indices of the valid responses in the original array, or null when every response is valid
 */
record ValidTrials(double[] responses, int[] kept) {

    static ValidTrials of(double[] responses) {
        int valid = 0;
        for (double r : responses) {
            if (!Double.isNaN(r)) {
                valid++;
            }
        }
        if (valid == responses.length) {
            return new ValidTrials(responses, null);
        }
        double[] values = new double[valid];
        int[] kept = new int[valid];
        for (int i = 0, j = 0; i < responses.length; i++) {
            if (!Double.isNaN(responses[i])) {
                values[j] = responses[i];
                kept[j++] = i;
            }
        }
        return new ValidTrials(values, kept);
    }

    /** The labels of the valid responses, from the labels of all of them. */
    int[] labels(int[] all) {
        if (kept == null) {
            return all;
        }
        int[] labels = new int[kept.length];
        for (int j = 0; j < kept.length; j++) {
            labels[j] = all[kept[j]];
        }
        return labels;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValidTrials that && Arrays.equals(responses, that.responses)
                && Arrays.equals(kept, that.kept);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(responses) + Arrays.hashCode(kept);
    }

    @Override
    public String toString() {
        return "ValidTrials" + Arrays.toString(responses);
    }
}
