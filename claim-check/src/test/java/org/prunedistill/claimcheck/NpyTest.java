package org.prunedistill.claimcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyTest {

    @Test
    void roundTripsAThreeDimensionalFloatArray() {
        float[] values = new float[2 * 3 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 3f;
        }
        FloatTensor array = FloatTensor.ofFloats(values, 2, 3, 4);

        byte[] bytes = Npy.write(array);

        assertEquals(0, (bytes.length - 4 * values.length) % 64, "header is padded to 64 bytes");
        assertEquals(array, Npy.read(bytes, "memory"));
    }

    @Test
    void writesTheHeaderNumpyExpects() {
        byte[] bytes = Npy.write(FloatTensor.ofFloats(new float[] {1f, 2f, 3f}, 3));
        String header = new String(bytes, 10, bytes.length - 10 - 12, StandardCharsets.ISO_8859_1);

        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }"), header);
        assertTrue(header.endsWith("\n"));
    }

    @Test
    void readsFloat64AndIntegerFilesWrittenByNumpy() {
        Npy.Doubles reference = Npy.readDoubles(Path.of("../test-support/reference/id/dadapy_2gaussians_in_2d.npy"));
        assertArrayEquals(new int[] {100, 2}, reference.shape());
        assertEquals(-1.43199264, reference.data()[0], 1e-8);
        assertEquals(-1.91738897, reference.data()[1], 1e-8);

        FloatTensor labels = Npy.read(Path.of("../test-support/reference/info/bijection_S8_T16_s.npy"));
        assertEquals(128, labels.data().length);
        int[] ints = labels.toInts();
        assertEquals(0, Arrays.stream(ints).min().orElseThrow());
        assertEquals(7, Arrays.stream(ints).max().orElseThrow());
    }

    @Test
    void refusesATruncatedFileNamingTheSource() {
        byte[] bytes = Npy.write(FloatTensor.ofFloats(new float[12], 3, 4));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);

        NpyFormatException error = assertThrows(NpyFormatException.class, () -> Npy.read(truncated, "tensors/abc.npy"));

        assertTrue(error.getMessage().startsWith("tensors/abc.npy: truncated data"), error.getMessage());
    }

    @Test
    void refusesBytesThatAreNotNpy() {
        byte[] bytes = "hello, this is not numpy".getBytes(StandardCharsets.US_ASCII);

        NpyFormatException error = assertThrows(NpyFormatException.class, () -> Npy.read(bytes, "x"));

        assertTrue(error.getMessage().contains("magic"), error.getMessage());
    }

    @Test
    void refusesObjectStructuredAndComplexArraysNamingTheFileAndTheRule() {
        assertEquals("objects.npy: object arrays (dtype '|O') hold Python objects, not numbers; save a numeric array",
                assertThrows(NpyFormatException.class, () -> Npy.read(withHeader("{'descr': '|O', "
                        + "'fortran_order': False, 'shape': (1,), }", 8), "objects.npy")).getMessage());
        assertEquals("rows.npy: structured dtype (named fields) is not supported; save one numeric array per file or "
                + ".npz member", assertThrows(NpyFormatException.class, () -> Npy.read(withHeader("{'descr': "
                        + "[('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }", 8), "rows.npy"))
                .getMessage());
        assertEquals("c.npy: complex dtype '<c8' is not supported; save the real part or the magnitude",
                assertThrows(NpyFormatException.class, () -> Npy.read(withHeader("{'descr': '<c8', "
                        + "'fortran_order': False, 'shape': (1,), }", 8), "c.npy")).getMessage());
        assertEquals("u.npy: unsupported dtype '<U3' (supported: float16/32/64, int8..int64, uint8..uint64, bool)",
                assertThrows(NpyFormatException.class, () -> Npy.read(withHeader("{'descr': '<U3', "
                        + "'fortran_order': False, 'shape': (1,), }", 12), "u.npy")).getMessage());
    }

    @Test
    void readsFortranOrderIntoCOrder() {
        // A 2 x 3 x 2 array whose C-order values are 0..11, stored first axis fastest.
        int[] shape = {2, 3, 2};
        byte[] bytes = withHeader("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3, 2), }", 8 * 12);
        ByteBuffer payload = ByteBuffer.wrap(bytes, bytes.length - 8 * 12, 8 * 12).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < shape[2]; k++) {
            for (int j = 0; j < shape[1]; j++) {
                for (int i = 0; i < shape[0]; i++) {
                    payload.putDouble(i * 6 + j * 2 + k);
                }
            }
        }
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, Npy.readDoubles(bytes, "f").data());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, Npy.read(bytes, "f").data());
    }

    @Test
    void readsBigEndianFloats() {
        byte[] bytes = withHeader("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", 8);
        ByteBuffer.wrap(bytes, bytes.length - 8, 8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-2f);

        assertArrayEquals(new float[] {1.5f, -2f}, Npy.read(bytes, "be").data());
    }

    private static byte[] withHeader(String dict, int payloadBytes) {
        String text = dict + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(10 + text.length() + payloadBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length());
        buffer.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return buffer.array();
    }
}
