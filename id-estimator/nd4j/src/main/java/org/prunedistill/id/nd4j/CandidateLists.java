package org.prunedistill.id.nd4j;

import java.util.Arrays;

/**
 * Per point, the {@code capacity} best candidates by screened key seen so far, as a bounded max-heap on
 * (key, index), in flat arrays: O(rows * capacity) memory, no object per candidate.
 *
 * <p>{@link #threshold(int)} is the worst kept key (+infinity until the list is full); a candidate with a larger key
 * can be skipped without calling {@link #offer}. Rows are independent: different threads may work on different rows.
 */
final class CandidateLists {

    private final int capacity;
    private final double[] keys;
    private final int[] indices;
    private final int[] sizes;
    private final double[] thresholds;

    CandidateLists(int rows, int capacity) {
        this.capacity = capacity;
        this.keys = new double[Math.multiplyExact(rows, capacity)];
        this.indices = new int[rows * capacity];
        this.sizes = new int[rows];
        this.thresholds = new double[rows];
        Arrays.fill(thresholds, Double.POSITIVE_INFINITY);
    }

    /** Bytes held for {@code rows} rows of {@code capacity} candidates. */
    static long bytes(int rows, int capacity) {
        return (long) rows * capacity * (Double.BYTES + Integer.BYTES) + (long) rows * (Integer.BYTES + Double.BYTES);
    }

    int capacity() {
        return capacity;
    }

    /** Worst key kept for {@code row} once full, else +infinity: keys above it are never kept. */
    double threshold(int row) {
        return thresholds[row];
    }

    /** Offers candidate {@code index} with screened key {@code key} to {@code row}. */
    void offer(int row, double key, int index) {
        int base = row * capacity;
        int size = sizes[row];
        if (size < capacity) {
            keys[base + size] = key;
            indices[base + size] = index;
            siftUp(base, size);
            sizes[row] = size + 1;
            if (size + 1 == capacity) {
                thresholds[row] = keys[base];
            }
        } else if (before(key, index, keys[base], indices[base])) {
            keys[base] = key;
            indices[base] = index;
            siftDown(base, 0, size);
            thresholds[row] = keys[base];
        }
    }

    int size(int row) {
        return sizes[row];
    }

    /** Largest key kept for {@code row} (its heap top); meaningful while unsorted and non-empty. */
    double worstKey(int row) {
        return keys[row * capacity];
    }

    double key(int row, int slot) {
        return keys[row * capacity + slot];
    }

    int index(int row, int slot) {
        return indices[row * capacity + slot];
    }

    /** Sorts {@code row}'s candidates ascending by (key, index) in place; the heap order is gone afterwards. */
    void sortAscending(int row) {
        int base = row * capacity;
        int size = sizes[row];
        for (int slot = size / 2 - 1; slot >= 0; slot--) {
            siftDown(base, slot, size);
        }
        for (int end = size - 1; end > 0; end--) {
            swap(base, 0, end);
            siftDown(base, 0, end);
        }
    }

    private static boolean before(double keyA, int indexA, double keyB, int indexB) {
        return keyA < keyB || (keyA == keyB && indexA < indexB);
    }

    private boolean beforeAt(int base, int a, int b) {
        return before(keys[base + a], indices[base + a], keys[base + b], indices[base + b]);
    }

    private void siftUp(int base, int slot) {
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            if (!beforeAt(base, parent, slot)) {
                return;
            }
            swap(base, parent, slot);
            slot = parent;
        }
    }

    private void siftDown(int base, int slot, int size) {
        while (true) {
            int worst = slot;
            int left = 2 * slot + 1;
            if (left < size && beforeAt(base, worst, left)) {
                worst = left;
            }
            if (left + 1 < size && beforeAt(base, worst, left + 1)) {
                worst = left + 1;
            }
            if (worst == slot) {
                return;
            }
            swap(base, slot, worst);
            slot = worst;
        }
    }

    private void swap(int base, int a, int b) {
        double key = keys[base + a];
        keys[base + a] = keys[base + b];
        keys[base + b] = key;
        int index = indices[base + a];
        indices[base + a] = indices[base + b];
        indices[base + b] = index;
    }
}
