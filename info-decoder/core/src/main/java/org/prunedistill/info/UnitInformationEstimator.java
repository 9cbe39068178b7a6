package org.prunedistill.info;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Single-unit stimulus information with every bias correction side by side (SCIENCE.md sections 4.2-4.3).
 *
 * <p>Input: one response per trial (a raw activation or spike count, or a response label with {@link Binning#NONE})
 * and one stimulus label per trial, integers {@code 0 .. S-1} with {@code S = max + 1} (stimuli without trials
 * are allowed). The responses are binned into {@link #bins()} labels by {@link #binning()} over all trials, then
 * {@link UnitInformation} is filled with the plug-in value, Panzeri-Treves (Bayesian count over the full response
 * alphabet), quadratic extrapolation averaged over {@link #quadraticPermutations()} re-orderings, shuffle
 * subtraction over {@link #shuffles()} shuffles and the permutation p-value of the plug-in value over
 * {@link #permutations()} permutations; all in bits. A count of 0 skips that estimator (NaN in the result).
 *
 * <p>Immutable and thread-safe; no state carries over between calls (work arrays of a unit's size are per-thread
 * {@link Scratch}, reused but never read before written). {@link #estimate(double[], int[])} draws its
 * randomness from a fresh {@link SplittableRandom} seeded with {@link #seed()} (same input, same output), in the
 * order quadratic extrapolation, shuffles, permutations.
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} for arrays of different lengths, a negative stimulus
 * label, a non-finite response (naming the index), fewer trials than bins, fewer than two distinct stimuli, or (with
 * {@link Binning#NONE}) a response that is not a label in {@code 0 .. bins-1}. Expected degeneracies are results:
 * empty bins count as possible bins, QE is NaN when a stimulus has 1 to 3 trials.
 *
 * <p>Reference: Tafazoli, Safaai, De Franceschi, ... Zoccolan (2017), J. Neurophysiol. 118:130-159, Methods;
 * Panzeri and Treves (1996); Panzeri et al. (2007), J. Neurophysiol. 98:1064-1072.
 */
public final class UnitInformationEstimator {

    /**
     * {@link #withQuadraticPermutations} value for quadratic extrapolation in stored trial order (deterministic, no
     * random draws; the reference's {@code I_qe_det}).
     */
    public static final int STORED_ORDER = -1;
    /** Response bins of {@link #withDefaults()}. */
    public static final int DEFAULT_BINS = 3;
    /** Seed of {@link #withDefaults()}. */
    public static final long DEFAULT_SEED = 2017L;

    private final int bins;
    private final Binning binning;
    private final int shuffles;
    private final int permutations;
    private final int quadraticPermutations;
    private final long seed;

    private UnitInformationEstimator(int bins, Binning binning, int shuffles, int permutations,
            int quadraticPermutations, long seed) {
        this.bins = requireAtLeast(bins, 2, "bins");
        this.binning = Objects.requireNonNull(binning, "binning");
        this.shuffles = requireAtLeast(shuffles, 0, "shuffles");
        this.permutations = requireAtLeast(permutations, 0, "permutations");
        this.quadraticPermutations = requireAtLeast(quadraticPermutations, STORED_ORDER, "quadraticPermutations");
        this.seed = seed;
    }

    /** 3 equipopulated bins, 20 shuffles, 100 permutations, 10 QE re-orderings, seed {@value #DEFAULT_SEED}. */
    public static UnitInformationEstimator withDefaults() {
        return new UnitInformationEstimator(DEFAULT_BINS, Binning.EQUIPOPULATED, ShuffleSubtraction.DEFAULT_SHUFFLES,
                PermutationTest.DEFAULT_PERMUTATIONS, QuadraticExtrapolation.DEFAULT_PERMUTATIONS, DEFAULT_SEED);
    }

    /** Number of response bins (with {@link Binning#NONE}: the response alphabet), at least 2. */
    public UnitInformationEstimator withBins(int bins) {
        return new UnitInformationEstimator(bins, binning, shuffles, permutations, quadraticPermutations, seed);
    }

    /** Binning rule. */
    public UnitInformationEstimator withBinning(Binning binning) {
        return new UnitInformationEstimator(bins, binning, shuffles, permutations, quadraticPermutations, seed);
    }

    /** Label shuffles for shuffle subtraction, at least 0 (0 skips it). */
    public UnitInformationEstimator withShuffles(int shuffles) {
        return new UnitInformationEstimator(bins, binning, shuffles, permutations, quadraticPermutations, seed);
    }

    /** Label permutations for the p-value, at least 0 (0 skips it). */
    public UnitInformationEstimator withPermutations(int permutations) {
        return new UnitInformationEstimator(bins, binning, shuffles, permutations, quadraticPermutations, seed);
    }

    /**
     * Trial re-orderings averaged by quadratic extrapolation, at least 0 (0 skips it), or {@link #STORED_ORDER} for
     * the halves and quarters in stored trial order.
     */
    public UnitInformationEstimator withQuadraticPermutations(int quadraticPermutations) {
        return new UnitInformationEstimator(bins, binning, shuffles, permutations, quadraticPermutations, seed);
    }

    /** Seed of the random generator used by {@link #estimate(double[], int[])}. */
    public UnitInformationEstimator withSeed(long seed) {
        return new UnitInformationEstimator(bins, binning, shuffles, permutations, quadraticPermutations, seed);
    }

    /** Number of response bins (the response alphabet). */
    public int bins() {
        return bins;
    }

    /** Binning rule applied to the raw responses. */
    public Binning binning() {
        return binning;
    }

    /** Label shuffles of shuffle subtraction (0: skipped). */
    public int shuffles() {
        return shuffles;
    }

    /** Label permutations of the p-value (0: skipped). */
    public int permutations() {
        return permutations;
    }

    /** Trial re-orderings averaged by quadratic extrapolation (0: skipped). */
    public int quadraticPermutations() {
        return quadraticPermutations;
    }

    /** Seed of the random generator of {@link #estimate(double[], int[])}. */
    public long seed() {
        return seed;
    }

    /** Every estimate, with randomness from {@code new SplittableRandom(seed())}. */
    public UnitInformation estimate(double[] responses, int[] stimuli) {
        return estimate(responses, stimuli, new SplittableRandom(seed));
    }

    /** Every estimate, with randomness from {@code rng}. */
    public UnitInformation estimate(double[] responses, int[] stimuli, RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        // Trials stored stimulus by stimulus in ascending order (the usual layout) are validated by finding their runs.
        int[] runOffsets = runOffsets(responses, stimuli);
        int stimulusCount = runOffsets != null ? runOffsets.length - 1 : stimulusCount(responses, stimuli);
        int[] labels = labels(responses, stimuli, stimulusCount);
        ContingencyTable table = Scratch.current().table(bins, stimulusCount);
        double qe;
        if (quadraticPermutations == STORED_ORDER) {
            // One pass counts the table and the halves and quarters (the same numbers as apart).
            qe = QuadraticExtrapolation.storedOrder(labels, stimuli, bins, stimulusCount, table, runOffsets);
        } else {
            table.addAll(labels, stimuli);
            qe = quadraticPermutations == 0 ? Double.NaN
                    : QuadraticExtrapolation.averaged(labels, stimuli, bins, stimulusCount, quadraticPermutations, rng);
        }
        double plugin = table.pluginBits();
        double pt = plugin - PanzeriTrevesCorrection.bayesian().bias(table);
        // The resampling estimators recount the table and keep its margins: it is their scratch space.
        ContingencyTable scratch = table;
        double shuffled = shuffles == 0 ? Double.NaN
                : plugin - TrialShuffling.meanShuffledPluginBits(labels, stimuli, shuffles, rng, scratch);
        double p = permutations == 0 ? Double.NaN
                : PermutationTest.pluginPValue(labels, stimuli, permutations, rng, scratch);
        return new UnitInformation(plugin, pt, qe, shuffled, p, table.responseCounts());
    }

    /**
     * Plug-in and Panzeri-Treves only (the other fields NaN), no randomness: the cheap per-unit path for streaming
     * thousands of units.
     */
    public UnitInformation estimatePluginAndPt(double[] responses, int[] stimuli) {
        int stimulusCount = stimulusCount(responses, stimuli);
        int[] labels = labels(responses, stimuli, stimulusCount);
        ContingencyTable table = ContingencyTable.of(labels, stimuli, bins, stimulusCount);
        double plugin = table.pluginBits();
        double pt = plugin - PanzeriTrevesCorrection.bayesian().bias(table);
        return new UnitInformation(plugin, pt, Double.NaN, Double.NaN, Double.NaN, table.responseCounts());
    }

    /**
     * {@link #estimatePluginAndPt(double[], int[])} of the same responses about each of several stimulus labellings
     * (the whole-set object and luminance of a unit), the responses binned once: element {@code q} is the value
     * about {@code stimuli[q]}, the same as asking for it alone.
     *
     * @throws IllegalArgumentException as {@link #estimatePluginAndPt(double[], int[])}, for any labelling
     */
    public UnitInformation[] estimatePluginAndPt(double[] responses, int[][] stimuli) {
        UnitInformation[] information = new UnitInformation[stimuli.length];
        int[] labels = null;
        for (int q = 0; q < stimuli.length; q++) {
            int stimulusCount = stimulusCount(responses, stimuli[q]);
            labels = labels != null ? checked(labels, stimuli[q], stimulusCount)
                    : labels(responses, stimuli[q], stimulusCount);
            ContingencyTable table = Scratch.current().table(bins, stimulusCount);
            table.addAll(labels, stimuli[q]);
            double plugin = table.pluginBits();
            double pt = plugin - PanzeriTrevesCorrection.bayesian().bias(table);
            information[q] = new UnitInformation(plugin, pt, Double.NaN, Double.NaN, Double.NaN,
                    table.responseCounts());
        }
        return information;
    }

    /**
     * The permutation p-value of the plug-in information of {@code responses} about their condition, with
     * {@link #permutations()} permutations: the value {@code estimate(responses, condition of each trial, rng)} gives
     * for it (the trials condition-major), without the other estimates; the binned trials are shared with the
     * decompositions of the same responses. NaN when {@link #permutations()} is 0.
     *
     * @throws IllegalArgumentException for fewer trials than bins or a single condition
     */
    public double pValue(ConditionResponses responses, RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        if (permutations == 0) {
            return Double.NaN;
        }
        LabelledTrials trials = LabelledTrials.of(responses, binning, bins);
        int[] conditions = trials.conditionOfTrial();
        if (binning == Binning.NONE) {
            DiscreteResponses.check(trials.labels(), conditions, bins, responses.conditions());
        } else {
            DiscreteResponses.requireTwoStimuli(conditions);
        }
        return PermutationTest.pluginPValue(trials.labels(), conditions, permutations, rng,
                Scratch.current().table(bins, responses.conditions()));
    }

    @Override
    public String toString() {
        return "UnitInformationEstimator[bins=" + bins + ", binning=" + binning + ", shuffles=" + shuffles
                + ", permutations=" + permutations + ", quadraticPermutations=" + quadraticPermutations
                + ", seed=" + seed + "]";
    }

    /**
     * Binned responses, checked as {@link DiscreteResponses} would; labels from equipopulated or equal-width binning
     * are in range by construction and {@link #stimulusCount} has checked the stimuli, so only the count of distinct
     * stimuli remains to check for them.
     */
    private int[] labels(double[] responses, int[] stimuli, int stimulusCount) {
        // The labels live only for this call: equipopulated ones go to this thread's scratch array.
        int[] labels = binning == Binning.EQUIPOPULATED
                ? EquipopulatedBinning.labels(responses, bins, Scratch.current().labels(responses.length))
                : binning.labels(responses, bins);
        return checked(labels, stimuli, stimulusCount);
    }

    /** The checks of {@link #labels} on labels binned already. */
    private int[] checked(int[] labels, int[] stimuli, int stimulusCount) {
        if (binning == Binning.NONE) {
            DiscreteResponses.check(labels, stimuli, bins, stimulusCount);
        } else {
            DiscreteResponses.requireTwoStimuli(stimuli);
        }
        return labels;
    }

    /**
     * {@link QuadraticExtrapolation#ascendingRunOffsets} when the stimuli are non-empty, start at a label of at least 0
     * and ascend run by run (then the last label is the largest); null otherwise.
     */
    private static int[] runOffsets(double[] responses, int[] stimuli) {
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(stimuli, "stimuli");
        if (responses.length != stimuli.length || stimuli.length == 0 || stimuli[0] < 0
                || stimuli[stimuli.length - 1] == Integer.MAX_VALUE) {
            return null;
        }
        return Scratch.current().runOffsets(stimuli, stimuli[stimuli.length - 1] + 1);
    }

    private static int stimulusCount(double[] responses, int[] stimuli) {
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(stimuli, "stimuli");
        if (responses.length != stimuli.length) {
            throw new IllegalArgumentException("responses and stimuli differ in length: "
                    + responses.length + " vs " + stimuli.length);
        }
        if (stimuli.length > 0 && stimuli[0] >= 0 && runsAscend(stimuli)) {
            // Stored stimulus by stimulus in ascending order (the usual layout): none negative, the last the largest.
            return stimuli[stimuli.length - 1] + 1;
        }
        int max = -1;
        int min = 0;
        for (int stimulus : stimuli) {
            max = Math.max(max, stimulus);
            min = Math.min(min, stimulus);
        }
        if (min < 0) {
            for (int i = 0; i < stimuli.length; i++) {
                if (stimuli[i] < 0) {
                    throw new IllegalArgumentException("stimuli[" + i + "] = " + stimuli[i] + " is negative");
                }
            }
        }
        return max + 1;
    }

    /** Whether the labels never decrease (checked run by run: a run of equal labels costs one comparison each). */
    private static boolean runsAscend(int[] stimuli) {
        int i = 0;
        while (i < stimuli.length) {
            int stimulus = stimuli[i++];
            while (i < stimuli.length && stimuli[i] == stimulus) {
                i++;
            }
            if (i < stimuli.length && stimuli[i] < stimulus) {
                return false;
            }
        }
        return true;
    }

    private static int requireAtLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }
}
