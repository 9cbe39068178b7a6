package org.prunedistill.id;

/**
 * N points in D dimensions, row-major float32: coordinate {@code c} of point {@code r} is {@code data[r * d + c]}.
 *
 * <p>The constructor validates the shape and that every value is finite; the array is not copied (it can be large),
 * so callers must not modify it afterwards. Records compare arrays by reference.
 *
 * @param data row-major coordinates, length {@code n * d}
 * @param n    number of points, at least 3 (the TwoNN family needs two neighbours per point)
 * @param d    number of dimensions (features), at least 1
 * @throws IllegalArgumentException naming the parameter: null data, {@code n < 3}, {@code d < 1}, length mismatch,
 *                                  or a NaN/infinite value (the message names its row and column)
 */
public record Points(float[] data, int n, int d) {

    /** Fewest points any estimator in this package can work with. */
    public static final int MIN_POINTS = 3;

    public Points {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (n < MIN_POINTS) {
            throw new IllegalArgumentException("n: need at least " + MIN_POINTS + " points, got " + n);
        }
        if (d < 1) {
            throw new IllegalArgumentException("d: need at least 1 dimension, got " + d);
        }
        if ((long) n * d != data.length) {
            throw new IllegalArgumentException(
                    "data: length " + data.length + " does not match n * d = " + n + " * " + d);
        }
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("data: non-finite value " + data[i] + " at row " + (i / d)
                        + ", column " + (i % d));
            }
        }
    }

    /** Coordinate {@code column} of point {@code row}. */
    public float get(int row, int column) {
        return data[row * d + column];
    }
}
