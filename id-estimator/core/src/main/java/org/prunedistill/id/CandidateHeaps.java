package org.prunedistill.id;

/**
 * For every row, a bounded max-heap of the {@code capacity} best neighbour candidates seen so far, ordered by
 * (distance, index). Flat arrays: O(n * capacity) memory, no per-candidate objects.
 */
final class CandidateHeaps {

    private final int capacity;
    private final double[] keys;
    private final int[] indices;
    private final int[] sizes;

    CandidateHeaps(int rows, int capacity) {
        this.capacity = capacity;
        this.keys = new double[rows * capacity];
        this.indices = new int[rows * capacity];
        this.sizes = new int[rows];
    }

    /** Offers candidate {@code index} at distance key {@code key} to {@code row}'s heap. */
    void offer(int row, double key, int index) {
        int base = row * capacity;
        int size = sizes[row];
        if (size < capacity) {
            keys[base + size] = key;
            indices[base + size] = index;
            sizes[row] = size + 1;
            siftUp(base, size);
        } else if (less(key, index, keys[base], indices[base])) {
            keys[base] = key;
            indices[base] = index;
            siftDown(base, 0, size);
        }
    }

    int size(int row) {
        return sizes[row];
    }

    int index(int row, int slot) {
        return indices[row * capacity + slot];
    }

    /** Replaces the key of a slot; call {@link #sortAscending} afterwards to restore an order. */
    void setKey(int row, int slot, double key) {
        keys[row * capacity + slot] = key;
    }

    double key(int row, int slot) {
        return keys[row * capacity + slot];
    }

    /** Sorts {@code row}'s candidates ascending by (key, index) in place (heapsort). */
    void sortAscending(int row) {
        int base = row * capacity;
        int size = sizes[row];
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(base, i, size);
        }
        for (int end = size - 1; end > 0; end--) {
            swap(base, 0, end);
            siftDown(base, 0, end);
        }
    }

    private static boolean less(double keyA, int indexA, double keyB, int indexB) {
        return keyA < keyB || (keyA == keyB && indexA < indexB);
    }

    private boolean lessAt(int base, int a, int b) {
        return less(keys[base + a], indices[base + a], keys[base + b], indices[base + b]);
    }

    private void siftUp(int base, int slot) {
        while (slot > 0) {
            int parent = (slot - 1) / 2;
            if (!lessAt(base, parent, slot)) {
                return;
            }
            swap(base, parent, slot);
            slot = parent;
        }
    }

    private void siftDown(int base, int slot, int size) {
        while (true) {
            int largest = slot;
            int left = 2 * slot + 1;
            int right = left + 1;
            if (left < size && lessAt(base, largest, left)) {
                largest = left;
            }
            if (right < size && lessAt(base, largest, right)) {
                largest = right;
            }
            if (largest == slot) {
                return;
            }
            swap(base, slot, largest);
            slot = largest;
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
