package org.prunedistill.claimcheck;

/**
 * The activations of one source, {@code [conditions, trials, units]}, read a block of units at a time so that an
 * analysis never needs the whole source in memory. Implemented in memory by {@link SourceTensor} and on disk by
 * {@link SpilledSource}; both give the same values. NaN marks a missing trial of a recorded unit.
 */
public interface SourceActivations {

    /** Bytes a block read by the default {@link #conditionMeans()} aims at (whole units; at least one unit). */
    long MEANS_BLOCK_BYTES = 4L << 20;

    int conditions();

    int trials();

    int units();

    /**
     * The given units, in the given order, as an in-memory tensor {@code [conditions, trials, units.length]}.
     *
     * @param units ascending, distinct unit indices in {@code [0, units())}
     * @throws IllegalArgumentException if an index is out of range or the indices are not ascending
     */
    SourceTensor gather(int[] units);

    /** Units {@code from} (inclusive) to {@code to} (exclusive) as an in-memory tensor. */
    default SourceTensor unitBlock(int from, int to) {
        if (from < 0 || to > units() || from > to) {
            throw new IllegalArgumentException("unit block [" + from + ", " + to + ") outside 0.." + units());
        }
        int[] range = new int[to - from];
        for (int i = 0; i < range.length; i++) {
            range[i] = from + i;
        }
        return gather(range);
    }

    /**
     * Mean over the valid (non-NaN) trials, row-major {@code [conditions, units]}; NaN where a unit has no valid
     * trial of a condition. Reads the units in blocks of about {@link #MEANS_BLOCK_BYTES}; the result itself is
     * {@code 4 * conditions * units} bytes.
     */
    default float[] conditionMeans() {
        int conditions = conditions();
        int units = units();
        float[] means = new float[Math.multiplyExact(conditions, units)];
        int block = unitsPerBlock(MEANS_BLOCK_BYTES);
        for (int from = 0; from < units; from += block) {
            int to = Math.min(units, from + block);
            float[] part = unitBlock(from, to).conditionMeans();
            for (int c = 0; c < conditions; c++) {
                System.arraycopy(part, c * (to - from), means, c * units + from, to - from);
            }
        }
        return means;
    }

    /** Only the given units (ascending, distinct), renumbered from 0; a view, nothing is copied until read. */
    default SourceActivations select(int[] units) {
        return new SelectedUnits(this, units);
    }

    /** Size of the whole source as float32: {@code 4 * conditions * trials * units}. */
    default long bytes() {
        return 4L * conditions() * trials() * units();
    }

    /** Whole units per block of about {@code bytes} bytes, at least 1 and at most {@link #units()}. */
    default int unitsPerBlock(long bytes) {
        long perUnit = 4L * conditions() * trials();
        return (int) Math.max(1, Math.min(units(), bytes / perUnit));
    }

    /** Checks that unit indices are ascending, distinct and below {@code units}. */
    static void requireAscending(int[] indices, int units) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= units || (i > 0 && indices[i] <= indices[i - 1])) {
                throw new IllegalArgumentException("unit indices must be ascending, distinct and in 0.." + (units - 1)
                        + "; index " + i + " is " + indices[i]);
            }
        }
    }
}
