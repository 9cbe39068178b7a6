package org.prunedistill.extraction.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.OnnxModelWriter.Attribute;
import org.prunedistill.extraction.model.OnnxModelWriter.Dim;

/** Half-precision conversions, checked against ONNX Runtime's own Cast float -> float16 -> float. */
class HalfFloatsTest {

    @Test
    void everyHalfSurvivesTheRoundTripExactly() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short half = (short) bits;
            float value = HalfFloats.toFloat(half);
            if (Float.isNaN(value)) {
                assertTrue((bits & 0x7c00) == 0x7c00 && (bits & 0x3ff) != 0, Integer.toHexString(bits));
                assertTrue(Float.isNaN(HalfFloats.round(value)));
            } else {
                assertEquals(bits, HalfFloats.toHalf(value) & 0xffff, Integer.toHexString(bits));
            }
        }
    }

    @Test
    void knownValues() {
        assertEquals(1.0f, HalfFloats.toFloat((short) 0x3c00));
        assertEquals(65504f, HalfFloats.toFloat((short) 0x7bff));
        assertEquals(0x1p-24f, HalfFloats.toFloat((short) 0x0001));
        assertEquals(0x1p-14f, HalfFloats.toFloat((short) 0x0400));
        assertEquals(-2f, HalfFloats.toFloat((short) 0xc000));
        // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa, 1.
        assertEquals(1.0f, HalfFloats.round(1f + 0x1p-11f));
        assertEquals(1f + 0x1p-9f, HalfFloats.round(1f + 3 * 0x1p-11f));
        assertEquals(65504f, HalfFloats.round(65519.99f));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.round(65520f));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.round(-1e30f));
        assertEquals(0f, HalfFloats.round(0x1p-26f));
        assertEquals(0x1p-24f, HalfFloats.round(0x1.8p-25f));
        assertEquals(-0f, HalfFloats.round(-0f));
        assertEquals(0x8000, HalfFloats.toHalf(-0f) & 0xffff);
    }

    /**
     * Every half, every midpoint between neighbouring halves (where the tie rule decides) and the floats just
     * beside each midpoint, plus random floats of every magnitude, rounded by us and by ONNX Runtime.
     */
    @Test
    void roundingAgreesWithOnnxRuntimeCastOnMidpointsAndRandomFloats() {
        float[] values = new float[6 * 0x8000 + 20_000];
        int n = 0;
        for (int bits = 0; bits < 0x7c00; bits++) {
            float low = HalfFloats.toFloat((short) bits);
            float high = HalfFloats.toFloat((short) (bits + 1));
            float mid = (float) (((double) low + high) / 2);
            for (float v : new float[] {low, mid, Math.nextDown(mid)}) {
                values[n++] = v;
                values[n++] = -v;
            }
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            values[n++] = Float.intBitsToFloat(random.nextInt());
        }
        float[] input = java.util.Arrays.copyOf(values, n);
        float[] onnxRuntime = castThroughHalf(input);
        for (int i = 0; i < n; i++) {
            float ours = HalfFloats.round(input[i]);
            if (Float.isNaN(input[i])) {
                assertTrue(Float.isNaN(ours) && Float.isNaN(onnxRuntime[i]));
            } else {
                assertEquals(Float.floatToIntBits(onnxRuntime[i]), Float.floatToIntBits(ours),
                        () -> "value " + Float.toHexString(ours));
            }
        }
    }

    private static float[] castThroughHalf(float[] values) {
        int k = values.length;
        byte[] model = OnnxModelWriter.graph("cast_through_half")
                .input("pixels", Dim.symbolic("N"), Dim.of(1), Dim.of(1), Dim.of(k))
                .node("Cast", "to_half", List.of("pixels"), List.of("half"), Attribute.ofInt("to", 10))
                .node("Cast", "to_float", List.of("half"), List.of("rounded"), Attribute.ofInt("to", 1))
                .output("rounded", Dim.symbolic("N"), Dim.of(1), Dim.of(1), Dim.of(k))
                .toBytes();
        try (OnnxActivations session = new OnnxActivations(model)) {
            return session.run(values, 1, 1, 1, k, List.of("rounded")).get("rounded")[0];
        }
    }
}
