package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;

/**
 * One unit's discretised responses: per trial a response label and a stimulus label.
 *
 * <p>{@code responses[t]} lies in {@code 0 .. responseBins-1} and {@code stimuli[t]} in {@code 0 .. stimulusCount-1};
 * {@code responseBins} is the full response alphabet, so bins that no trial reached still count as possible bins
 * (Panzeri-Treves). Stimuli without trials are allowed and contribute nothing. The arrays are copied on the way in
 * and on the way out, so an instance is immutable.
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} for arrays of different lengths, no trials,
 * {@code responseBins < 1}, a label out of range (the message names the index), or fewer than two distinct
 * stimuli among the trials ("need at least two stimuli"); {@link NullPointerException} for null arrays.
 *
 * @param responses     response label per trial
 * @param stimuli       stimulus label per trial
 * @param responseBins  size of the response alphabet
 * @param stimulusCount size of the stimulus alphabet
 */
public record DiscreteResponses(int[] responses, int[] stimuli, int responseBins, int stimulusCount) {

    /** Validates and copies the labels. */
    public DiscreteResponses {
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(stimuli, "stimuli");
        check(responses, stimuli, responseBins, stimulusCount);
        responses = responses.clone();
        stimuli = stimuli.clone();
    }

    /**
     * Responses with the smallest alphabets that hold the labels: {@code max(responses) + 1} response bins and
     * {@code max(stimuli) + 1} stimuli.
     *
     * @throws IllegalArgumentException as the canonical constructor, and for a negative label
     */
    public static DiscreteResponses of(int[] responses, int[] stimuli) {
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(stimuli, "stimuli");
        return new DiscreteResponses(responses, stimuli, maxPlusOne(responses, "responses"),
                maxPlusOne(stimuli, "stimuli"));
    }

    /** Number of trials. */
    public int trials() {
        return responses.length;
    }

    /** Copy of the response labels. */
    @Override
    public int[] responses() {
        return responses.clone();
    }

    /** Copy of the stimulus labels. */
    @Override
    public int[] stimuli() {
        return stimuli.clone();
    }

    /** Same responses, stimulus labels replaced (used for shuffles and permutations). */
    public DiscreteResponses withStimuli(int[] newStimuli) {
        return new DiscreteResponses(responses, newStimuli, responseBins, stimulusCount);
    }

    /** Count of trials per response bin, length {@code responseBins}. */
    public int[] responseCounts() {
        return table().responseCounts();
    }

    ContingencyTable table() {
        return ContingencyTable.of(responses, stimuli, responseBins, stimulusCount);
    }

    int[] responsesView() {
        return responses;
    }

    int[] stimuliView() {
        return stimuli;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DiscreteResponses that
                && responseBins == that.responseBins
                && stimulusCount == that.stimulusCount
                && Arrays.equals(responses, that.responses)
                && Arrays.equals(stimuli, that.stimuli);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(responses), Arrays.hashCode(stimuli), responseBins, stimulusCount);
    }

    @Override
    public String toString() {
        return "DiscreteResponses[trials=" + responses.length + ", responseBins=" + responseBins
                + ", stimulusCount=" + stimulusCount + "]";
    }

    /**
     * The checks of the canonical constructor, without copying; shared with the estimator's allocation-light path.
     */
    static void check(int[] responses, int[] stimuli, int responseBins, int stimulusCount) {
        if (responses.length != stimuli.length) {
            throw new IllegalArgumentException("responses and stimuli differ in length: "
                    + responses.length + " vs " + stimuli.length);
        }
        if (responses.length == 0) {
            throw new IllegalArgumentException("responses must not be empty");
        }
        if (responseBins < 1) {
            throw new IllegalArgumentException("responseBins must be at least 1, got " + responseBins);
        }
        if (stimulusCount < 2) {
            throw new IllegalArgumentException("need at least two stimuli, stimulusCount = " + stimulusCount);
        }
        checkRange(responses, responseBins, "responses");
        checkRange(stimuli, stimulusCount, "stimuli");
        requireTwoStimuli(stimuli);
    }

    /** Throws unless the (non-empty) {@code stimuli} hold at least two distinct labels. */
    static void requireTwoStimuli(int[] stimuli) {
        for (int stimulus : stimuli) {
            if (stimulus != stimuli[0]) {
                return;
            }
        }
        throw new IllegalArgumentException("need at least two stimuli, every trial has stimulus " + stimuli[0]);
    }

    private static void checkRange(int[] labels, int size, String name) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= size) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] = " + labels[i] + " is outside 0.." + (size - 1));
            }
        }
    }

    private static int maxPlusOne(int[] labels, String name) {
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + labels[i] + " is negative");
            }
            max = Math.max(max, labels[i]);
        }
        return max + 1;
    }
}
