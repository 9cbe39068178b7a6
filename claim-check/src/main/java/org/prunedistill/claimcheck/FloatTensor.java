package org.prunedistill.claimcheck;

import java.util.Arrays;

/**
 * An n-dimensional array read from or written to a NumPy {@code .npy} file, held as C-order float32 values.
 *
 * <p>Whatever the dtype on disk (little- or big-endian float32, float64, int8..int64, uint8..uint32, bool), values are
 * converted to float; {@link #sourceDtype()} records what the file held. Integer label files keep their exact values
 * up to 2^24.
 *
 * @param shape       dimensions, outermost first (C order); empty for a scalar
 * @param data        the values in C order; its length is the product of {@code shape}
 * @param sourceDtype the NumPy dtype descriptor found in the header, for example {@code <f4}
 */
public record FloatTensor(int[] shape, float[] data, String sourceDtype) {

    public FloatTensor {
        shape = shape.clone();
        long size = elementCount(shape);
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "data has " + data.length + " values but shape " + Arrays.toString(shape) + " needs " + size);
        }
    }

    /** A float32 array of the given shape. */
    public static FloatTensor ofFloats(float[] data, int... shape) {
        return new FloatTensor(shape, data, "<f4");
    }

    /** Number of elements implied by a shape (1 for a scalar). */
    public static long elementCount(int[] shape) {
        long size = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size = Math.multiplyExact(size, dimension);
        }
        return size;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dimension(int axis) {
        return shape[axis];
    }

    /** Values as doubles, C order. */
    public double[] toDoubles() {
        double[] values = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            values[i] = data[i];
        }
        return values;
    }

    /**
     * Values as ints, C order, for label files.
     *
     * @throws IllegalArgumentException if a value is not an integer
     */
    public int[] toInts() {
        int[] values = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            float value = data[i];
            if (value != Math.rint(value) || Float.isInfinite(value)) {
                throw new IllegalArgumentException("value " + value + " at flat index " + i + " is not an integer");
            }
            values[i] = (int) value;
        }
        return values;
    }

    /** Index of the first NaN or infinite value, or -1 when all values are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FloatTensor that
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(data, that.data)
                && sourceDtype.equals(that.sourceDtype);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape) + " from " + sourceDtype;
    }
}
