package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;

/**
 * One unit's responses organised by stimulus condition: {@code trials[c][k]} is the response (activation or spike
 * count) on the {@code k}-th presentation of condition {@code c}. Conditions may have different numbers of trials
 * (recorded neurons lose trials), but every condition has at least one. Immutable: arrays are copied in and out.
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} for no conditions, a condition without trials, or a NaN or
 * infinite response (naming condition and trial); {@link NullPointerException} for null arrays.
 *
 * @param trials responses per condition, {@code [conditions][trials of that condition]}
 */
public record ConditionResponses(double[][] trials) {

    /** Validates and deep-copies. */
    public ConditionResponses {
        Objects.requireNonNull(trials, "trials");
        if (trials.length == 0) {
            throw new IllegalArgumentException("trials must hold at least one condition");
        }
        double[][] copy = new double[trials.length][];
        for (int c = 0; c < trials.length; c++) {
            if (trials[c] == null) {
                // Not requireNonNull with a concatenated message: that would build a string per condition.
                throw new NullPointerException("trials[" + c + "]");
            }
            copy[c] = trials[c].clone();
            if (copy[c].length == 0) {
                throw new IllegalArgumentException("trials[" + c + "] holds no trials");
            }
            for (int k = 0; k < copy[c].length; k++) {
                if (!Double.isFinite(copy[c][k])) {
                    throw new IllegalArgumentException("trials[" + c + "][" + k + "] is not finite: " + copy[c][k]);
                }
            }
        }
        trials = copy;
    }

    /**
     * Responses stored condition-major, {@code conditions x trialsPerCondition} (the tensor layout of the pipeline).
     *
     * @throws IllegalArgumentException if {@code values.length != conditions * trialsPerCondition} or either is < 1
     */
    public static ConditionResponses ofConditionMajor(double[] values, int conditions, int trialsPerCondition) {
        Objects.requireNonNull(values, "values");
        if (conditions < 1 || trialsPerCondition < 1 || (long) conditions * trialsPerCondition != values.length) {
            throw new IllegalArgumentException("values holds " + values.length + " responses, not conditions "
                    + conditions + " x trialsPerCondition " + trialsPerCondition);
        }
        double[][] trials = new double[conditions][];
        for (int c = 0; c < conditions; c++) {
            trials[c] = Arrays.copyOfRange(values, c * trialsPerCondition, (c + 1) * trialsPerCondition);
        }
        return new ConditionResponses(trials);
    }

    /** Number of conditions. */
    public int conditions() {
        return trials.length;
    }

    /** Total number of trials over all conditions. */
    public int totalTrials() {
        int total = 0;
        for (double[] condition : trials) {
            total += condition.length;
        }
        return total;
    }

    /** Deep copy of the responses. */
    @Override
    public double[][] trials() {
        double[][] copy = new double[trials.length][];
        for (int c = 0; c < trials.length; c++) {
            copy[c] = trials[c].clone();
        }
        return copy;
    }

    /**
     * The conditions whose {@code keep} flag is set, in order (for the object-pair analyses, or the conditions where
     * the object covers a unit's RF); this object itself when every flag is set (it is immutable).
     *
     * @throws IllegalArgumentException when {@code keep} has not one flag per condition
     */
    public ConditionResponses subset(boolean[] keep) {
        if (keep.length != trials.length) {
            throw new IllegalArgumentException("keep must hold one flag per condition (" + trials.length + "), got "
                    + keep.length);
        }
        int kept = 0;
        for (boolean flag : keep) {
            kept += flag ? 1 : 0;
        }
        if (kept == trials.length) {
            return this;
        }
        double[][] subset = new double[kept][];
        int next = 0;
        for (int c = 0; c < trials.length; c++) {
            if (keep[c]) {
                subset[next++] = trials[c];
            }
        }
        return new ConditionResponses(subset);
    }

    /** The responses themselves, not copied: for this package's readers, which never write them. */
    double[][] view() {
        return trials;
    }

    /** All responses, condition-major, and the condition of each. */
    double[] flatValues() {
        double[] values = new double[totalTrials()];
        int next = 0;
        for (double[] condition : trials) {
            System.arraycopy(condition, 0, values, next, condition.length);
            next += condition.length;
        }
        return values;
    }

    /** The condition of each trial of {@link #flatValues()}. */
    int[] conditionOfTrial() {
        int[] conditions = new int[totalTrials()];
        int next = 0;
        for (int c = 0; c < trials.length; c++) {
            Arrays.fill(conditions, next, next + trials[c].length, c);
            next += trials[c].length;
        }
        return conditions;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConditionResponses that && Arrays.deepEquals(trials, that.trials);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(trials);
    }

    @Override
    public String toString() {
        return "ConditionResponses[conditions=" + trials.length + ", trials=" + totalTrials() + "]";
    }
}
