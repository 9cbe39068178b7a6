package org.prunedistill.info;

import java.util.Arrays;

/**
 * Joint counts of (stimulus, response label) with their marginals; the one place the estimators count trials.
 * Mutable scratch space: callers {@link #clear()} and refill it for subsets or shuffles.
 */
final class ContingencyTable {

    private static final double LN2 = Math.log(2.0);
    private static final int PACKED_BINS = 4;
    private static final int PACKED_BITS = 16;
    /** Runs shorter than this are counted trial by trial in {@link #addAll}. */
    private static final int SHORT_RUN = 8;
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
     * (trials stored condition by condition) are counted with {@link #addRun} when they are long.
     */
    void addAll(int[] responses, int[] stimuli) {
        int from = 0;
        for (int i = 1; i <= stimuli.length; i++) {
            if (i == stimuli.length || stimuli[i] != stimuli[from]) {
                if (i - from < SHORT_RUN) {
                    // Runs of a few trials (one trial per condition, labels not in condition order) are counted one
                    // by one: the same counts, without the packed run's fixed cost.
                    for (int t = from; t < i; t++) {
                        joint[stimuli[t] * responseBins + responses[t]]++;
                    }
                } else {
                    addRun(stimuli[from], responses, from, i);
                }
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

    /**
     * Sets the joint row of {@code stimulus} from counts packed {@code bits} bits per label (label 0 lowest); call
     * {@link #deriveMarginals()} before reading the table.
     */
    void setJointRow(int stimulus, long packed, int bits) {
        int row = stimulus * responseBins;
        long mask = (1L << bits) - 1;
        for (int r = 0; r < responseBins; r++) {
            joint[row + r] = (int) ((packed >>> (r * bits)) & mask);
        }
    }

    /** Counts one trial into its joint cell only; call {@link #deriveMarginals()} before reading the table. */
    void addJoint(int stimulus, int response) {
        joint[stimulus * responseBins + response]++;
    }

    /** Counts {@code count} trials into one joint cell only; call {@link #deriveMarginals()} before reading. */
    void addJoint(int stimulus, int response, int count) {
        joint[stimulus * responseBins + response] += count;
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

    /** Whether every response bin has a trial of {@code stimulus}. */
    boolean rowOccupied(int stimulus) {
        int row = stimulus * responseBins;
        for (int r = 0; r < responseBins; r++) {
            if (joint[row + r] == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether no stimulus has more than one trial (a design of one trial per condition). */
    boolean atMostOneTrialPerStimulus() {
        for (int total : stimulusTotals) {
            if (total > 1) {
                return false;
            }
        }
        return true;
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
        return pluginBits(jointNLogNSum(), stimulusNLogNSum(), responseNLogNSum(), trials);
    }

    /** {@code sum n_s ln n_s} over the stimulus totals, in stimulus order. */
    double stimulusNLogNSum() {
        double sum = 0.0;
        for (int s = 0; s < stimulusCount; s++) {
            sum += nLogN(stimulusTotals[s]);
        }
        return sum;
    }

    /** {@code sum n_r ln n_r} over the response totals, in label order. */
    double responseNLogNSum() {
        double sum = 0.0;
        for (int r = 0; r < responseBins; r++) {
            sum += nLogN(responseTotals[r]);
        }
        return sum;
    }

    /** {@code sum n_sr ln n_sr} over the joint cells, stimulus by stimulus, labels in order within each. */
    double jointNLogNSum() {
        double sum = 0.0;
        for (int count : joint) {
            sum += nLogN(count);
        }
        return sum;
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
     * Replaces the joint cells by those of the re-pairing of the response labels with {@code stimuli} given by the
     * urn indices {@code draws} (see {@link LabelPermutations}): the marginals of the last {@link #addAll} stay (a
     * permutation of the labels does not change them), and trial {@code i}, in order, takes the label at position
     * {@code draws[i]} of the urn of the labels not yet drawn, ordered by label.
     */
    void countPermuted(int[] stimuli, int[] draws) {
        Arrays.fill(joint, 0);
        int edges = responseBins - 1;
        int[] cumulative = new int[Math.max(edges, 1)];
        int running = 0;
        for (int r = 0; r < edges; r++) {
            running += responseTotals[r];
            cumulative[r] = running;
        }
        for (int i = 0; i < stimuli.length; i++) {
            int u = draws[i];
            int response = 0;
            for (int k = 0; k < edges; k++) {
                response += u >= cumulative[k] ? 1 : 0;
            }
            for (int k = 0; k < edges; k++) {
                cumulative[k] -= k >= response ? 1 : 0;
            }
            joint[stimuli[i] * responseBins + response]++;
        }
    }

    static double nLogN(int n) {
        return n < N_LOG_N.length ? N_LOG_N[n] : n * Math.log(n);
    }
}
