package org.prunedistill.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Minimal little-endian C-order {@code .npy} reading and writing (float32 and float64) for the benchmark. */
final class NpyFiles {

    private NpyFiles() {
    }

    static void writeFloats(Path file, float[] data, int... shape) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(data);
        write(file, "<f4", shape, body.array());
    }

    static void writeDoubles(Path file, double[] data, int... shape) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        body.asDoubleBuffer().put(data);
        write(file, "<f8", shape, body.array());
    }

    /** The float32 data of a file this class wrote. */
    static float[] readFloats(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f4'")) {
            throw new IOException(file + " is not little-endian float32: " + header);
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] data = new float[body.remaining() / 4];
        body.asFloatBuffer().get(data);
        return data;
    }

    private static void write(Path file, String dtype, int[] shape, byte[] body) throws IOException {
        String dims = shape.length == 1 ? shape[0] + "," : String.join(", ",
                Arrays.stream(shape).mapToObj(Integer::toString).toArray(String[]::new));
        StringBuilder header = new StringBuilder("{'descr': '" + dtype + "', 'fortran_order': False, 'shape': ("
                + dims + "), }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] head = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + head.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0)
                .putShort((short) head.length).put(head).put(body);
        Files.write(file, out.array());
    }
}
