package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;

/**
 * One unit's responses organised by stimulus condition: {@code trials()[c][k]} is the response (activation or spike
 * count) on the {@code k}-th presentation of condition {@code c}. Conditions may have different numbers of trials
 * (recorded neurons lose trials), but every condition has at least one. Immutable: arrays are copied in and out.
 * (A class rather than a record so that {@link #ofSelectedConditions} can hand over the arrays it built itself
 * instead of copying them once more: the per-unit pass builds one of these per unit.)
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} for no conditions, a condition without trials, or a NaN or
 * infinite response (naming condition and trial); {@link NullPointerException} for null arrays.
 */
public final class ConditionResponses {

    private final double[][] trials;

    /**
     * Validates and deep-copies.
     *
     * @param trials responses per condition, {@code [conditions][trials of that condition]}
     */
    public ConditionResponses(double[][] trials) {
        Objects.requireNonNull(trials, "trials");
        double[][] copy = new double[trials.length][];
        for (int c = 0; c < trials.length; c++) {
            if (trials[c] == null) {
                // Not requireNonNull with a concatenated message: that would build a string per condition.
                throw new NullPointerException("trials[" + c + "]");
            }
            copy[c] = trials[c].clone();
        }
        this.trials = validated(copy);
    }

    /** Takes {@code trials}, built by the caller and never written again, after validating it. */
    private ConditionResponses(double[][] trials, boolean owned) {
        this.trials = validated(trials);
    }

    private static double[][] validated(double[][] trials) {
        if (trials.length == 0) {
            throw new IllegalArgumentException("trials must hold at least one condition");
        }
        for (int c = 0; c < trials.length; c++) {
            if (trials[c].length == 0) {
                throw new IllegalArgumentException("trials[" + c + "] holds no trials");
            }
            for (int k = 0; k < trials[c].length; k++) {
                if (!Double.isFinite(trials[c][k])) {
                    throw new IllegalArgumentException("trials[" + c + "][" + k + "] is not finite: "
                            + trials[c][k]);
                }
            }
        }
        return trials;
    }

    /**
     * The conditions {@code selected} of responses stored condition-major, {@code trialsPerCondition} per condition,
     * in the order given, each without its missing trials (NaN: a recorded neuron's lost presentations). Each
     * condition's trials are copied once.
     *
     * @throws IllegalArgumentException for a selected condition outside the values, one whose trials are all
     *                                  missing, or an infinite response
     */
    public static ConditionResponses ofSelectedConditions(double[] values, int trialsPerCondition, int[] selected) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(selected, "selected");
        if (trialsPerCondition < 1 || values.length % trialsPerCondition != 0) {
            throw new IllegalArgumentException("values holds " + values.length + " responses, not a whole number of "
                    + "conditions of " + trialsPerCondition + " trials");
        }
        int conditions = values.length / trialsPerCondition;
        double[][] byCondition = new double[selected.length][];
        for (int i = 0; i < selected.length; i++) {
            if (selected[i] < 0 || selected[i] >= conditions) {
                throw new IllegalArgumentException("selected[" + i + "] = " + selected[i] + " is outside the "
                        + conditions + " conditions");
            }
            int from = selected[i] * trialsPerCondition;
            int valid = 0;
            for (int t = from; t < from + trialsPerCondition; t++) {
                valid += Double.isNaN(values[t]) ? 0 : 1;
            }
            double[] kept = new double[valid];
            for (int t = from, k = 0; k < valid; t++) {
                if (!Double.isNaN(values[t])) {
                    kept[k++] = values[t];
                }
            }
            byCondition[i] = kept;
        }
        return new ConditionResponses(byCondition, true);
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
        return new ConditionResponses(subset, true);
    }

    /**
     * The mean over each condition's trials; a single trial is its own mean, as the stream's compensated sum gives it
     * (the same values as {@code Arrays.stream(trials()[c]).average()}).
     */
    public double[] means() {
        double[] means = new double[trials.length];
        for (int c = 0; c < trials.length; c++) {
            means[c] = trials[c].length == 1 ? trials[c][0] + 0.0 : Arrays.stream(trials[c]).average().orElseThrow();
        }
        return means;
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
