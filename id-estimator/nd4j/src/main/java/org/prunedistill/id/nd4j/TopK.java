package org.prunedistill.id.nd4j;

/**
 * The k smallest (distance, index) pairs offered, as a bounded max-heap; {@link #drainAscending} writes them in
 * ascending order (ties by lower index), the order of {@link org.prunedistill.id.Neighbourhoods}. Reusable.
 */
final class TopK {

    private final int k;
    private final double[] distances;
    private final int[] indices;
    private int size;

    TopK(int k) {
        this.k = k;
        this.distances = new double[k];
        this.indices = new int[k];
    }

    void clear() {
        size = 0;
    }

    int capacity() {
        return k;
    }

    boolean full() {
        return size == k;
    }

    /** The k-th smallest distance so far (+infinity until k were offered). */
    double kth() {
        return size == k ? distances[0] : Double.POSITIVE_INFINITY;
    }

    void offer(double distance, int index) {
        if (size < k) {
            distances[size] = distance;
            indices[size] = index;
            siftUp(size++);
        } else if (before(distance, index, distances[0], indices[0])) {
            distances[0] = distance;
            indices[0] = index;
            siftDown(0, size);
        }
    }

    /** Writes the kept pairs ascending into the given rows (length k) and empties this heap. */
    void drainAscending(double[] distanceRow, int[] indexRow) {
        for (int end = size - 1; end >= 0; end--) {
            distanceRow[end] = distances[0];
            indexRow[end] = indices[0];
            swap(0, end);
            siftDown(0, end);
        }
        size = 0;
    }

    private static boolean before(double distanceA, int indexA, double distanceB, int indexB) {
        return distanceA < distanceB || (distanceA == distanceB && indexA < indexB);
    }

    private boolean beforeAt(int a, int b) {
        return before(distances[a], indices[a], distances[b], indices[b]);
    }

    private void siftUp(int slot) {
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            if (!beforeAt(parent, slot)) {
                return;
            }
            swap(parent, slot);
            slot = parent;
        }
    }

    private void siftDown(int slot, int end) {
        while (true) {
            int worst = slot;
            int left = 2 * slot + 1;
            if (left < end && beforeAt(worst, left)) {
                worst = left;
            }
            if (left + 1 < end && beforeAt(worst, left + 1)) {
                worst = left + 1;
            }
            if (worst == slot) {
                return;
            }
            swap(slot, worst);
            slot = worst;
        }
    }

    private void swap(int a, int b) {
        double distance = distances[a];
        distances[a] = distances[b];
        distances[b] = distance;
        int index = indices[a];
        indices[a] = indices[b];
        indices[b] = index;
    }
}
