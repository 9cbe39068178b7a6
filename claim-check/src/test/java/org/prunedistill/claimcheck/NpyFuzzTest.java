package org.prunedistill.claimcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prunedistill.testsupport.fuzz.FuzzCases;

/**
 * Fuzzes the {@code .npy} reader: mutated valid files and generated headers with extreme shapes, dtypes and payload
 * lengths must either decode or be refused with a {@link NpyFormatException} naming the source; see {@link FuzzCases}
 * for the mutations, the hang and allocation guards and {@code -Dpd.fuzz.cases}.
 */
class NpyFuzzTest {

    private static final String SOURCE = "fuzz.npy";
    private static final List<String> DESCRS = List.of("<f4", ">f4", "<f8", "<i1", "<i2", ">i4", "<i8", "|u1", "<u2",
            "<u4", "|b1", "<U3", "|O", "<c8", "f4", "");
    private static final List<String> SHAPES = List.of("()", "(3,)", "(2, 3)", "(2, 3, 4)", "(0,)", "(-1,)",
            "(2147483647,)", "(2147483648,)", "(2147483647, 2147483647)", "(2147483647, 2147483647, 2147483647)",
            "(4294967296, 4294967296)", "(9223372036854775807,)", "(9223372036854775808,)", "(1L, 2L)", "(a,)",
            "(1,,2)", "(3", "(1073741824, 8)", "(268435456, 268435456, 16)");

    private static List<byte[]> seeds() {
        float[] values = new float[24];
        for (int i = 0; i < values.length; i++) {
            values[i] = i - 7.5f;
        }
        return List.of(
                Npy.write(FloatTensor.ofFloats(values, 2, 3, 4)),
                Npy.write(FloatTensor.ofFloats(new float[] {1.5f, -2f, 3f}, 3)),
                Npy.write(FloatTensor.ofFloats(new float[] {42f})),
                npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", new byte[32]),
                npy(2, "{'descr': '>i4', 'fortran_order': False, 'shape': (3,), }", new byte[12]),
                npy(3, "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 1, 2), }", new byte[] {1, 2, 3, 4}),
                npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", new byte[8]),
                npy(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (), }", new byte[] {1}));
    }

    @Test
    void mutatedFilesDecodeOrAreRefusedClearly() {
        FuzzCases.mutate("Npy.read", seeds(), List.of("'shape': (", "2147483648", "'<f8'", ")", ", "), 400,
                input -> Npy.read(input, SOURCE), FuzzCases.refusal(NpyFormatException.class, SOURCE + ": "));
    }

    @Test
    void mutatedFilesReadAsDoublesDecodeOrAreRefusedClearly() {
        FuzzCases.mutate("Npy.readDoubles", seeds(), List.of(), 200,
                input -> Npy.readDoubles(input, SOURCE), FuzzCases.refusal(NpyFormatException.class, SOURCE + ": "));
    }

    @Test
    void generatedHeadersWithExtremeShapesDecodeOrAreRefusedClearly() {
        FuzzCases.run("Npy.read(generated header)", 400, NpyFuzzTest::generated, input -> Npy.read(input, SOURCE),
                FuzzCases.refusal(NpyFormatException.class, SOURCE + ": "));
    }

    @Test
    void shapeWhoseProductOverflowsIsRefusedBeforeAllocating() {
        byte[] file = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': "
                + "(2147483647, 2147483647, 2147483647), }", new byte[4]);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file, SOURCE));
        assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void byteSizeOverflowingLongIsReportedAsTooLargeNotAsExtraBytes() {
        // 2^31-1 * 2^31-1 * 2 elements fit a long, times 8 bytes does not
        byte[] file = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2), }",
                new byte[16]);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file, SOURCE));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void largeShapeWithAShortPayloadIsRefusedAsTruncatedWithoutAllocating() {
        byte[] file = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (536870911,), }", new byte[8]);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file, SOURCE));
        assertTrue(e.getMessage().contains("truncated data"), e.getMessage());
    }

    @Test
    void version2PreambleCutInsideTheHeaderLengthIsRefused() {
        byte[] file = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0x3a, 0x55};
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file, SOURCE));
        assertTrue(e.getMessage().startsWith(SOURCE + ": too short"), e.getMessage());
    }

    @Test
    void generatorAndMutatorAreDeterministicForAGivenCase() {
        assertEquals(new String(generated(new Random(7)), StandardCharsets.ISO_8859_1),
                new String(generated(new Random(7)), StandardCharsets.ISO_8859_1));
    }

    /** A syntactically complete header with a random dtype and shape, and a payload of a random plausible length. */
    private static byte[] generated(Random random) {
        String descr = DESCRS.get(random.nextInt(DESCRS.size()));
        String shape = SHAPES.get(random.nextInt(SHAPES.size()));
        String fortran = random.nextInt(8) == 0 ? "True" : "False";
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
        int payload = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(8);
            case 2 -> 8 * random.nextInt(8);
            default -> random.nextInt(200);
        };
        int major = 1 + random.nextInt(3);
        byte[] bytes = new byte[payload];
        random.nextBytes(bytes);
        return npy(major, dict, bytes);
    }

    /** A {@code .npy} file of the given version with a correct header length. */
    static byte[] npy(int major, String dict, byte[] payload) {
        byte[] header = (dict + "\n").getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lengthField = major == 1 ? 2 : 4;
        ByteBuffer buffer = ByteBuffer.allocate(8 + lengthField + header.length + payload.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            buffer.putShort((short) header.length);
        } else {
            buffer.putInt(header.length);
        }
        return buffer.put(header).put(payload).array();
    }
}
