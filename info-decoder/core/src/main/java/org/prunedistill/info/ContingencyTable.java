package org.prunedistill.info;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Joint counts of (stimulus, response label) with their marginals; the one place the estimators count trials.
 * Mutable scratch space: callers {@link #clear()} and refill it for subsets or shuffles.
 */
final class ContingencyTable {

    private static final double LN2 = Math.log(2.0);
    private static final int PACKED_BINS = 4;
    private static final int PACKED_BITS = 16;
    /** Relative size of the rounding left in the regrouped plug-in sum (a few hundred ulps of its largest term). */
    private static final double ROUNDING = 1e-13;
    /** {@code n ln n} for the counts most tables hold, so the plug-in sum needs no logarithm per cell. */
    private static final double[] N_LOG_N = new double[1 << 16];

    static {
        for (int n = 1; n < N_LOG_N.length; n++) {
            N_LOG_N[n] = n * Math.log(n);
        }
    }

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

    /**
     * Counts every trial into the joint cells, then refreshes the marginals from them. Runs of equal stimulus labels
     * (trials stored condition by condition) are counted with {@link #addRun}.
     */
    void addAll(int[] responses, int[] stimuli) {
        int from = 0;
        for (int i = 1; i <= stimuli.length; i++) {
            if (i == stimuli.length || stimuli[i] != stimuli[from]) {
                addRun(stimuli[from], responses, from, i);
                from = i;
            }
        }
        deriveMarginals();
    }

    /**
     * Counts {@code responses[from .. to)}, all trials of one stimulus, into its joint row only (call
     * {@link #deriveMarginals()} before reading). With at most {@value #PACKED_BINS} bins the counts of the run are
     * kept packed in one register ({@value #PACKED_BITS} bits per bin), which avoids the store-to-load stall of
     * incrementing the same cell again and again.
     */
    void addRun(int stimulus, int[] responses, int from, int to) {
        int row = stimulus * responseBins;
        if (responseBins > PACKED_BINS || to - from >= 1 << PACKED_BITS) {
            for (int i = from; i < to; i++) {
                joint[row + responses[i]]++;
            }
            return;
        }
        long packed = 0;
        for (int i = from; i < to; i++) {
            packed += 1L << (responses[i] * PACKED_BITS);
        }
        for (int r = 0; r < responseBins; r++) {
            joint[row + r] += (int) ((packed >>> (r * PACKED_BITS)) & ((1L << PACKED_BITS) - 1));
        }
    }

    /** Counts one trial into its joint cell only; call {@link #deriveMarginals()} before reading the table. */
    void addJoint(int stimulus, int response) {
        joint[stimulus * responseBins + response]++;
    }

    /** Recomputes the stimulus and response totals and the trial count from the joint cells. */
    void deriveMarginals() {
        Arrays.fill(responseTotals, 0);
        int total = 0;
        for (int s = 0; s < stimulusCount; s++) {
            int row = s * responseBins;
            int sum = 0;
            for (int r = 0; r < responseBins; r++) {
                int count = joint[row + r];
                sum += count;
                responseTotals[r] += count;
            }
            stimulusTotals[s] = sum;
            total += sum;
        }
        trials = total;
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
     * Plug-in mutual information in bits, {@code sum_{s,r} (n_sr / N) log2(n_sr N / (n_s n_r))} (SCIENCE.md 4.1),
     * evaluated as {@code [sum n_sr ln n_sr - sum n_s ln n_s - sum n_r ln n_r + N ln N] / (N ln 2)} (the same sum
     * regrouped, with {@code n ln n} looked up for counts below 2^16). A sum within rounding of 0 ({@link #ROUNDING}
     * of {@code N ln N}, as for an exactly independent table) is reported as exactly 0; NaN when the table is empty.
     */
    double pluginBits() {
        double stimulusSum = 0.0;
        for (int s = 0; s < stimulusCount; s++) {
            stimulusSum += nLogN(stimulusTotals[s]);
        }
        double responseSum = 0.0;
        for (int r = 0; r < responseBins; r++) {
            responseSum += nLogN(responseTotals[r]);
        }
        double jointSum = 0.0;
        for (int count : joint) {
            jointSum += nLogN(count);
        }
        return pluginBits(jointSum, stimulusSum, responseSum, trials);
    }

    /**
     * The plug-in value from its four sums of {@code n ln n} (joint cells, stimulus totals, response totals, and the
     * trial count), with the rounding rule of {@link #pluginBits()}; for callers that count without a table.
     */
    static double pluginBits(double jointSum, double stimulusSum, double responseSum, int trials) {
        if (trials == 0) {
            return Double.NaN;
        }
        double total = nLogN(trials);
        double sum = jointSum - stimulusSum - responseSum + total;
        return sum <= ROUNDING * total ? 0.0 : sum / (trials * LN2);
    }

    /**
     * Replaces the joint cells by those of a uniformly random re-pairing of the responses with the stimulus labels:
     * the marginals of the last {@link #addAll} stay (a permutation of the labels does not change them), and each
     * trial of {@code stimuli}, in order, draws its response from the urn of response labels not yet drawn
     * (sequential sampling without replacement, the same distribution as shuffling the labels; Lemire's bounded
     * draw, the bin found without branches).
     */
    void countPermuted(int[] stimuli, RandomGenerator rng) {
        Arrays.fill(joint, 0);
        if (responseBins == 3) {
            countPermutedThreeBins(stimuli, rng);
            return;
        }
        int edges = responseBins - 1;
        int[] cumulative = new int[Math.max(edges, 1)];
        int running = 0;
        for (int r = 0; r < edges; r++) {
            running += responseTotals[r];
            cumulative[r] = running;
        }
        int remaining = trials;
        for (int stimulus : stimuli) {
            int u = TrialShuffling.boundedInt(rng, remaining--);
            int response = 0;
            for (int k = 0; k < edges; k++) {
                response += u >= cumulative[k] ? 1 : 0;
            }
            for (int k = 0; k < edges; k++) {
                cumulative[k] -= k >= response ? 1 : 0;
            }
            joint[stimulus * responseBins + response]++;
        }
    }

    /**
     * {@link #countPermuted} for the default three response bins: the urn boundaries and the counts of the current run
     * of equal stimulus labels (trials are usually stored condition by condition) stay in registers.
     */
    private void countPermutedThreeBins(int[] stimuli, RandomGenerator rng) {
        int first = responseTotals[0];
        int second = first + responseTotals[1];
        int remaining = trials;
        int current = stimuli.length == 0 ? 0 : stimuli[0];
        int low = 0;
        int middle = 0;
        int high = 0;
        for (int stimulus : stimuli) {
            if (stimulus != current) {
                flushRun(current, low, middle, high);
                current = stimulus;
                low = 0;
                middle = 0;
                high = 0;
            }
            int u = TrialShuffling.boundedInt(rng, remaining--);
            int aboveFirst = u >= first ? 1 : 0;
            int aboveSecond = u >= second ? 1 : 0;
            first -= 1 - aboveFirst;
            second -= 1 - aboveSecond;
            low += 1 - aboveFirst;
            high += aboveSecond;
            middle += aboveFirst - aboveSecond;
        }
        flushRun(current, low, middle, high);
    }

    private void flushRun(int stimulus, int low, int middle, int high) {
        int row = stimulus * 3;
        joint[row] += low;
        joint[row + 1] += middle;
        joint[row + 2] += high;
    }

    static double nLogN(int n) {
        return n < N_LOG_N.length ? N_LOG_N[n] : n * Math.log(n);
    }
}
