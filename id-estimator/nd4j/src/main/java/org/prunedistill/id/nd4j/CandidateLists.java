package org.prunedistill.id.nd4j;

import java.util.Arrays;

/**
 * Per point, the {@code capacity} best candidates by (screened key, index) seen so far, in flat arrays (no object per
 * candidate). Each row buffers up to twice the capacity; when the buffer is full a quickselect keeps the best
 * {@code capacity} and the worst kept key becomes the row's {@link #threshold(int)}: amortised O(1) per accepted
 * candidate instead of a heap's O(log capacity), which matters because the screening offers every pair twice.
 *
 * <p>Invariant: every candidate ever offered and not kept has a key at least the final {@link #worstKey(int)}.
 * Rows are independent: different threads may work on different rows.
 */
final class CandidateLists {

    private final int capacity;
    private final int stride;
    private final double[] keys;
    private final int[] indices;
    private final int[] sizes;
    private final double[] thresholds;

    CandidateLists(int rows, int capacity) {
        this.capacity = capacity;
        this.stride = 2 * capacity;
        this.keys = new double[Math.multiplyExact(rows, stride)];
        this.indices = new int[rows * stride];
        this.sizes = new int[rows];
        this.thresholds = new double[rows];
        Arrays.fill(thresholds, Double.POSITIVE_INFINITY);
    }

    /** Bytes held for {@code rows} rows of {@code capacity} candidates. */
    static long bytes(int rows, int capacity) {
        return 2L * rows * capacity * (Double.BYTES + Integer.BYTES) + (long) rows * (Integer.BYTES + Double.BYTES);
    }

    int capacity() {
        return capacity;
    }

    /** Keys above this are never kept for {@code row} (+infinity until its buffer first filled). */
    double threshold(int row) {
        return thresholds[row];
    }

    /** Offers candidate {@code index} with screened key {@code key} to {@code row}. */
    void offer(int row, double key, int index) {
        if (key > thresholds[row]) {
            return;
        }
        int base = row * stride;
        int size = sizes[row];
        keys[base + size] = key;
        indices[base + size] = index;
        sizes[row] = ++size;
        if (size == stride) {
            compact(row);
        }
    }

    /** Keeps the best {@code capacity} of the row's buffer; the threshold becomes the worst kept key. */
    private void compact(int row) {
        int base = row * stride;
        if (sizes[row] <= capacity) {
            return;
        }
        select(base, base + sizes[row] - 1, base + capacity - 1);
        sizes[row] = capacity;
        double worst = Double.NEGATIVE_INFINITY;
        for (int slot = base; slot < base + capacity; slot++) {
            worst = Math.max(worst, keys[slot]);
        }
        thresholds[row] = worst;
    }

    /**
     * Sorts {@code row}'s best candidates ascending by (key, index), at most {@code capacity} of them, and returns
     * how many there are; further offers to the row are not allowed afterwards.
     */
    int sortAscending(int row) {
        compact(row);
        int base = row * stride;
        int size = sizes[row];
        for (int i = base + 1; i < base + size; i++) {
            double key = keys[i];
            int index = indices[i];
            int j = i - 1;
            while (j >= base && before(key, index, keys[j], indices[j])) {
                keys[j + 1] = keys[j];
                indices[j + 1] = indices[j];
                j--;
            }
            keys[j + 1] = key;
            indices[j + 1] = index;
        }
        return size;
    }

    /** Largest key among the best {@code capacity} of {@code row}; call after {@link #sortAscending}. */
    double worstKey(int row) {
        return sizes[row] == 0 ? Double.NEGATIVE_INFINITY : keys[row * stride + sizes[row] - 1];
    }

    double key(int row, int slot) {
        return keys[row * stride + slot];
    }

    int index(int row, int slot) {
        return indices[row * stride + slot];
    }

    /**
     * Quickselect on [lo, hi]: afterwards position nth holds its order statistic, smaller ones before. The partition
     * is Lomuto's without branches (a swap every step, the boundary moved by the comparison's result): the keys
     * arrive in random order, so a partition's branches would be mispredicted about half the time. A row's (key,
     * index) pairs are all distinct (each point is offered once), so Lomuto's quadratic case, many equal elements,
     * cannot arise.
     */
    private void select(int lo, int hi, int nth) {
        while (lo < hi) {
            swap(medianOfThree(lo, (lo + hi) >>> 1, hi), hi);
            double pivotKey = keys[hi];
            int pivotIndex = indices[hi];
            int store = lo;
            for (int i = lo; i < hi; i++) {
                double key = keys[i];
                int index = indices[i];
                keys[i] = keys[store];
                indices[i] = indices[store];
                keys[store] = key;
                indices[store] = index;
                store += before(key, index, pivotKey, pivotIndex) ? 1 : 0;
            }
            swap(store, hi);
            if (nth == store) {
                return;
            }
            if (nth < store) {
                hi = store - 1;
            } else {
                lo = store + 1;
            }
        }
    }

    private int medianOfThree(int a, int b, int c) {
        if (before(keys[b], indices[b], keys[a], indices[a])) {
            int t = a;
            a = b;
            b = t;
        }
        if (before(keys[c], indices[c], keys[b], indices[b])) {
            b = before(keys[c], indices[c], keys[a], indices[a]) ? a : c;
        }
        return b;
    }

    private static boolean before(double keyA, int indexA, double keyB, int indexB) {
        return keyA < keyB | (keyA == keyB & indexA < indexB);
    }

    private void swap(int a, int b) {
        double key = keys[a];
        keys[a] = keys[b];
        keys[b] = key;
        int index = indices[a];
        indices[a] = indices[b];
        indices[b] = index;
    }
}
