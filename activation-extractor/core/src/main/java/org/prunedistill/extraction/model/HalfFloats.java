package org.prunedistill.extraction.model;

/**
 * IEEE 754 binary16 ("half") conversions, which Java 17's {@code Float} lacks: float to half rounds to nearest, ties
 * to even (as numpy and ONNX Runtime's Cast do), overflowing to infinity from 65520 on; half to float is exact.
 * Used to store network weights at half the size.
 */
public final class HalfFloats {

    private static final int FLOAT_INFINITY = 0x7f800000;
    /** 65520: the midpoint between the largest half (65504) and 65536, which rounds to even, i.e. to infinity. */
    private static final int FIRST_OVERFLOW = 0x477ff000;
    /** 2^-14, the smallest normal half. */
    private static final int SMALLEST_NORMAL = 0x38800000;
    /** Exponent bias difference (127 - 15) moved to the float exponent's place. */
    private static final int REBIAS = 112 << 23;

    private HalfFloats() {
    }

    /** The half nearest to {@code value} (ties to even), as its 16 bits; NaN stays NaN, keeping its sign. */
    public static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int magnitude = bits & 0x7fffffff;
        if (magnitude > FLOAT_INFINITY) {
            return (short) (sign | 0x7e00 | (magnitude >>> 13) & 0x3ff);
        }
        if (magnitude >= FIRST_OVERFLOW) {
            return (short) (sign | 0x7c00);
        }
        if (magnitude >= SMALLEST_NORMAL) {
            // Drop 13 mantissa bits, rounding half to even; a carry into the exponent is the correct result.
            int rounded = magnitude - REBIAS + 0xfff + ((magnitude >>> 13) & 1);
            return (short) (sign | rounded >>> 13);
        }
        // Subnormal halves are multiples of 2^-24; the scaling is exact and rint rounds half to even.
        return (short) (sign | (int) Math.rint(Float.intBitsToFloat(magnitude) * 0x1p24));
    }

    /** The float equal to the half with these 16 bits. */
    public static float toFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | FLOAT_INFINITY | mantissa << 13);
        }
        return Float.intBitsToFloat(sign | (exponent << 23) + REBIAS | mantissa << 13);
    }

    /** {@code value} rounded to the nearest half, as a float. */
    public static float round(float value) {
        return toFloat(toHalf(value));
    }
}
