package org.prunedistill.id;

import java.util.HashMap;
import java.util.Map;

/**
 * Removes exact duplicate rows, keeping the first occurrence of each (SCIENCE.md 3.1). Rows are equal when every
 * coordinate compares equal as a number, so {@code -0.0f} and {@code 0.0f} match (their distance is zero).
 *
 * <p>Public so that other neighbour searches (id-estimator-nd4j) apply the same duplicate policy as
 * {@link NearestNeighbours}.
 */
public final class DistinctRows {

    private DistinctRows() {
    }

    /**
     * The distinct rows, row-major, in order of first occurrence, and how many rows were removed. {@code data} is the
     * input array itself when nothing was removed, else a copy.
     */
    public record Result(float[] data, int n, int removed) {
    }

    /** The distinct rows of {@code points} (not null), first occurrences kept. */
    public static Result of(Points points) {
        int n = points.n();
        int d = points.d();
        float[] source = points.data();
        Map<RowKey, Integer> seen = new HashMap<>(2 * n);
        int[] kept = new int[n];
        int distinct = 0;
        for (int row = 0; row < n; row++) {
            if (seen.putIfAbsent(new RowKey(source, row * d, d), row) == null) {
                kept[distinct++] = row;
            }
        }
        if (distinct == n) {
            return new Result(source, n, 0);
        }
        float[] data = new float[distinct * d];
        for (int i = 0; i < distinct; i++) {
            System.arraycopy(source, kept[i] * d, data, i * d, d);
        }
        return new Result(data, distinct, n - distinct);
    }

    /** A view of one row used as a hash key; hash and equality treat -0.0 as 0.0. */
    private static final class RowKey {
        private final float[] data;
        private final int offset;
        private final int length;
        private final int hash;

        RowKey(float[] data, int offset, int length) {
            this.data = data;
            this.offset = offset;
            this.length = length;
            int h = 1;
            for (int c = 0; c < length; c++) {
                float v = data[offset + c];
                h = 31 * h + (v == 0.0f ? 0 : Float.floatToIntBits(v));
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof RowKey key) || key.hash != hash || key.length != length) {
                return false;
            }
            for (int c = 0; c < length; c++) {
                if (data[offset + c] != key.data[key.offset + c]) {
                    return false;
                }
            }
            return true;
        }
    }
}
