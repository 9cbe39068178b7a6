package org.prunedistill.id;

/**
 * N points in D dimensions read a block of columns (features) at a time, for sources whose N x D matrix does not fit
 * in memory (802,816 units of 500 conditions are 1.6 GB as float32): {@link IdAnalysis#analyse(ColumnBlocks)} makes
 * one pass over the blocks and holds one block at a time, never the matrix.
 *
 * <p>Implementations hand out every column exactly once, in column order; values must be finite (the analysis
 * checks them and names the row and column of the first that is not).
 */
public interface ColumnBlocks {

    /** Number of points (rows). */
    int n();

    /** Number of dimensions (columns). */
    int d();

    /**
     * Hands every block of columns to {@code visitor}, in column order: columns {@code [from, from + width)} as a
     * row-major {@code n x width} float32 array, which belongs to the visitor only during the call.
     */
    void forEach(Visitor visitor);

    /** Receives the blocks of {@link #forEach}. */
    @FunctionalInterface
    interface Visitor {
        void block(int from, int width, float[] values);
    }

    /** The columns of in-memory points in blocks of at most {@code width} (small sources, tests). */
    static ColumnBlocks of(Points points, int width) {
        if (points == null || width < 1) {
            throw new IllegalArgumentException("points must not be null and width must be positive, got " + width);
        }
        return new ColumnBlocks() {
            @Override
            public int n() {
                return points.n();
            }

            @Override
            public int d() {
                return points.d();
            }

            @Override
            public void forEach(Visitor visitor) {
                int n = points.n();
                int d = points.d();
                for (int from = 0; from < d; from += width) {
                    int w = Math.min(width, d - from);
                    float[] values = new float[n * w];
                    for (int r = 0; r < n; r++) {
                        System.arraycopy(points.data(), r * d + from, values, r * w, w);
                    }
                    visitor.block(from, w, values);
                }
            }
        };
    }
}
