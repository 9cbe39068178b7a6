package org.prunedistill.info;

/**
 * Per-thread work arrays of the per-unit estimators, reused from one unit to the next: a layer's units all have the
 * same number of trials, and fresh arrays of that size on every call would be written to memory that is not in the
 * cache (about a fifth of the time of a unit). Only scratch: every user writes what it reads in the same call, so no
 * result depends on an earlier call (the memos, {@link #binned}, {@link #runOffsets} and {@link #partSums}, give what
 * computing anew would). Arrays are handed out to one user at a time within a call.
 */
final class Scratch {

    private static final ThreadLocal<Scratch> CURRENT = ThreadLocal.withInitial(Scratch::new);

    private long[] keys = new long[0];
    private long[] prefix = new long[0];
    private int[] histogram = new int[0];
    private int[] nextHistogram = new int[0];
    private ContingencyTable table;
    private int[] labels = new int[0];
    private int[] draws = new int[0];
    private int[] pairedDraws = new int[0];
    private long[] packedDraws = new long[0];
    private int[] runStimuli;
    private int runStimulusCount = -1;
    private int[] runOffsets;
    private QuadraticExtrapolation.PartSums partSums;
    private double[] values = new double[0];
    private ConditionResponses binnedResponses;
    private Binning binnedBy;
    private int binnedBins;
    private LabelledTrials binned;

    private Scratch() {
    }

    /** The calling thread's scratch. */
    static Scratch current() {
        return CURRENT.get();
    }

    /** At least {@code length} longs, contents undefined. */
    long[] keys(int length) {
        if (keys.length < length) {
            keys = new long[length];
        }
        return keys;
    }

    /** A histogram of {@code length} counts, all 0. */
    int[] histogram(int length) {
        if (histogram.length != length) {
            histogram = new int[length];
        } else {
            java.util.Arrays.fill(histogram, 0);
        }
        return histogram;
    }

    /** {@code length} ints, contents undefined; not the array of {@link #histogram}. */
    int[] nextHistogram(int length) {
        if (nextHistogram.length != length) {
            nextHistogram = new int[length];
        }
        return nextHistogram;
    }

    /** An empty table of the given shape (the same object while the shape stays). */
    ContingencyTable table(int responseBins, int stimulusCount) {
        if (table == null || table.responseBins() != responseBins || table.stimulusCount() != stimulusCount) {
            table = new ContingencyTable(responseBins, stimulusCount);
        } else {
            table.clear();
        }
        return table;
    }

    /** At least {@code length} longs, contents undefined; not the array of {@link #keys}. */
    long[] prefix(int length) {
        if (prefix.length < length) {
            prefix = new long[length];
        }
        return prefix;
    }

    /** Exactly {@code length} ints, contents undefined. */
    int[] labels(int length) {
        if (labels.length != length) {
            labels = new int[length];
        }
        return labels;
    }

    /** At least {@code length} ints, contents undefined. */
    int[] draws(int length) {
        if (draws.length < length) {
            draws = new int[length];
        }
        return draws;
    }

    /**
     * The binned trials of {@code responses}, binned by {@code binning} only when the last call was not for the same
     * responses (the same immutable object) and rule: the luminance decomposition, the luminance information within
     * object and (when the object covers every view) the contrast decomposition of a unit bin the same trials alike.
     * Only the last unit's trials are held.
     */
    LabelledTrials binned(ConditionResponses responses, Binning binning, int bins,
            java.util.function.Supplier<LabelledTrials> bin) {
        if (responses != binnedResponses || binning != binnedBy || bins != binnedBins) {
            binned = bin.get();
            binnedResponses = responses;
            binnedBy = binning;
            binnedBins = bins;
        }
        return binned;
    }

    /** At least {@code length} doubles, contents undefined. */
    double[] values(int length) {
        if (values.length < length) {
            values = new double[length];
        }
        return values;
    }

    /**
     * {@link QuadraticExtrapolation#ascendingRunOffsets} of {@code stimuli}, found again only when they differ from the
     * last call's (compared by content: a layer's units share one stimulus array, and comparing is a fraction of
     * finding the runs). The result is shared: read it, never write it.
     */
    int[] runOffsets(int[] stimuli, int stimulusCount) {
        if (stimulusCount != runStimulusCount || !java.util.Arrays.equals(stimuli, runStimuli)) {
            runOffsets = QuadraticExtrapolation.ascendingRunOffsets(stimuli, stimulusCount);
            runStimuli = stimuli.clone();
            runStimulusCount = stimulusCount;
            partSums = null;
        }
        return runOffsets;
    }

    /**
     * {@link QuadraticExtrapolation.PartSums} of {@code offsets}, kept while they are the ones {@link #runOffsets}
     * gave last (the same array object); computed afresh for any other offsets.
     */
    QuadraticExtrapolation.PartSums partSums(int[] offsets) {
        if (offsets != runOffsets) {
            return QuadraticExtrapolation.PartSums.of(offsets);
        }
        if (partSums == null) {
            partSums = QuadraticExtrapolation.PartSums.of(offsets);
        }
        return partSums;
    }

    /** At least {@code length} longs, contents undefined; not the array of {@link #keys} or {@link #prefix}. */
    long[] packedDraws(int length) {
        if (packedDraws.length < length) {
            packedDraws = new long[length];
        }
        return packedDraws;
    }

    /** At least {@code length} ints, contents undefined; not the array of {@link #draws}. */
    int[] pairedDraws(int length) {
        if (pairedDraws.length < length) {
            pairedDraws = new int[length];
        }
        return pairedDraws;
    }
}
