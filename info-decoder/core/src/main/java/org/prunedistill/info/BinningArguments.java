package org.prunedistill.info;

import java.util.Objects;

/** Argument checks shared by the response binning rules. */
final class BinningArguments {

    private BinningArguments() {
    }

    /**
     * Checks that {@code bins >= 2}, that {@code values} holds at least {@code bins} values and that all are finite.
     *
     * @throws IllegalArgumentException naming the offending parameter (and index, for a non-finite value)
     */
    static void check(double[] values, int bins) {
        Objects.requireNonNull(values, "values");
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be at least 2, got " + bins);
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] is not finite: " + values[i]);
            }
        }
        if (values.length < bins) {
            throw new IllegalArgumentException(
                    "values holds " + values.length + " trials, fewer than bins = " + bins);
        }
    }

    /** Number of {@code edges} (ascending) strictly below {@code value}: the label of a right-closed bin rule. */
    static int countBelow(double[] edges, double value) {
        int low = 0;
        int high = edges.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (edges[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Number of {@code edges} (ascending) at or below {@code value}: the label of a left-closed bin rule. */
    static int countAtOrBelow(double[] edges, double value) {
        int low = 0;
        int high = edges.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (edges[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
