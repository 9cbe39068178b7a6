package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;

/**
 * One unit's responses organised by stimulus condition: {@code trials()[c][k]} is the response (activation or spike
 * count) on the {@code k}-th presentation of condition {@code c}. Conditions may have different numbers of trials
 * (recorded neurons lose trials), but every condition has at least one. Immutable: arrays are copied in and out.
 * The responses are held in one condition-major array with where each condition starts, not an array per
 * condition: the per-unit pass builds one of these per unit, and a CNN unit has hundreds of one-trial conditions.
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} for no conditions, a condition without trials, or a NaN or
 * infinite response (naming condition and trial); {@link NullPointerException} for null arrays.
 */
public final class ConditionResponses {

    /** Every trial, condition-major. */
    private final double[] values;
    /** Condition {@code c}'s trials are {@code values[starts[c] .. starts[c + 1])}. */
    private final int[] starts;

    /**
     * Validates and copies.
     *
     * @param trials responses per condition, {@code [conditions][trials of that condition]}
     */
    public ConditionResponses(double[][] trials) {
        Objects.requireNonNull(trials, "trials");
        int[] starts = new int[trials.length + 1];
        for (int c = 0; c < trials.length; c++) {
            if (trials[c] == null) {
                // Not requireNonNull with a concatenated message: that would build a string per condition.
                throw new NullPointerException("trials[" + c + "]");
            }
            starts[c + 1] = starts[c] + trials[c].length;
        }
        double[] values = new double[starts[trials.length]];
        for (int c = 0; c < trials.length; c++) {
            System.arraycopy(trials[c], 0, values, starts[c], trials[c].length);
        }
        this.values = values;
        this.starts = starts;
        validate();
    }

    /** Takes the arrays, built by the caller and never written again, after validating them. */
    private ConditionResponses(double[] values, int[] starts) {
        this.values = values;
        this.starts = starts;
        validate();
    }

    private void validate() {
        if (starts.length < 2) {
            throw new IllegalArgumentException("trials must hold at least one condition");
        }
        for (int c = 0; c < starts.length - 1; c++) {
            if (starts[c + 1] == starts[c]) {
                throw new IllegalArgumentException("trials[" + c + "] holds no trials");
            }
            for (int t = starts[c]; t < starts[c + 1]; t++) {
                if (!Double.isFinite(values[t])) {
                    throw new IllegalArgumentException("trials[" + c + "][" + (t - starts[c]) + "] is not finite: "
                            + values[t]);
                }
            }
        }
    }

    /**
     * The conditions {@code selected} of responses stored condition-major, {@code trialsPerCondition} per condition,
     * in the order given, each without its missing trials (NaN: a recorded neuron's lost presentations). Each
     * response is copied once.
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
        int[] starts = new int[selected.length + 1];
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
            starts[i + 1] = starts[i] + valid;
        }
        double[] kept = new double[starts[selected.length]];
        for (int i = 0; i < selected.length; i++) {
            int from = selected[i] * trialsPerCondition;
            if (starts[i + 1] - starts[i] == trialsPerCondition) {
                System.arraycopy(values, from, kept, starts[i], trialsPerCondition);
                continue;
            }
            for (int t = from, k = starts[i]; k < starts[i + 1]; t++) {
                if (!Double.isNaN(values[t])) {
                    kept[k++] = values[t];
                }
            }
        }
        return new ConditionResponses(kept, starts);
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
        int[] starts = new int[conditions + 1];
        for (int c = 0; c < conditions; c++) {
            starts[c + 1] = starts[c] + trialsPerCondition;
        }
        return new ConditionResponses(values.clone(), starts);
    }

    /** Number of conditions. */
    public int conditions() {
        return starts.length - 1;
    }

    /** Total number of trials over all conditions. */
    public int totalTrials() {
        return values.length;
    }

    /** A copy of the responses, {@code [conditions][trials of that condition]}. */
    public double[][] trials() {
        double[][] trials = new double[conditions()][];
        for (int c = 0; c < trials.length; c++) {
            trials[c] = Arrays.copyOfRange(values, starts[c], starts[c + 1]);
        }
        return trials;
    }

    /**
     * The conditions whose {@code keep} flag is set, in order (for the object-pair analyses, or the conditions where
     * the object covers a unit's RF); this object itself when every flag is set (it is immutable).
     *
     * @throws IllegalArgumentException when {@code keep} has not one flag per condition
     */
    public ConditionResponses subset(boolean[] keep) {
        int conditions = conditions();
        if (keep.length != conditions) {
            throw new IllegalArgumentException("keep must hold one flag per condition (" + conditions + "), got "
                    + keep.length);
        }
        int kept = 0;
        int keptTrials = 0;
        for (int c = 0; c < conditions; c++) {
            kept += keep[c] ? 1 : 0;
            keptTrials += keep[c] ? starts[c + 1] - starts[c] : 0;
        }
        if (kept == conditions) {
            return this;
        }
        double[] subset = new double[keptTrials];
        int[] subsetStarts = new int[kept + 1];
        for (int c = 0, next = 0; c < conditions; c++) {
            if (keep[c]) {
                int length = starts[c + 1] - starts[c];
                System.arraycopy(values, starts[c], subset, subsetStarts[next], length);
                subsetStarts[next + 1] = subsetStarts[next] + length;
                next++;
            }
        }
        return new ConditionResponses(subset, subsetStarts);
    }

    /**
     * The mean over each condition's trials; a single trial is its own mean, as the stream's compensated sum gives it
     * (the same values as {@code Arrays.stream(trials()[c]).average()}).
     */
    public double[] means() {
        double[] means = new double[conditions()];
        for (int c = 0; c < means.length; c++) {
            means[c] = starts[c + 1] - starts[c] == 1 ? values[starts[c]] + 0.0
                    : Arrays.stream(values, starts[c], starts[c + 1]).average().orElseThrow();
        }
        return means;
    }

    /** Every trial, condition-major, not copied: for this package's readers, which never write it. */
    double[] valuesView() {
        return values;
    }

    /** Where each condition's trials start in {@link #valuesView()}, and the end; not copied (read only). */
    int[] startsView() {
        return starts;
    }

    /** All responses, condition-major (a copy). */
    double[] flatValues() {
        return values.clone();
    }

    /** The condition of each trial of {@link #flatValues()}. */
    int[] conditionOfTrial() {
        int[] conditions = new int[values.length];
        for (int c = 0; c < starts.length - 1; c++) {
            Arrays.fill(conditions, starts[c], starts[c + 1], c);
        }
        return conditions;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConditionResponses that && Arrays.equals(starts, that.starts)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(starts) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ConditionResponses[conditions=" + conditions() + ", trials=" + values.length + "]";
    }
}
