package org.prunedistill.claimcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrays written by numpy itself ({@code np.save}, {@code /usr/bin/python3}, installed by {@code .ci/run}) in every
 * real dtype, both byte orders and both memory orders, read back: the values numpy printed as float64 text, exactly
 * (float32 reads to the nearest float).
 */
class NpyNumpyFilesTest {

    private static final String PYTHON = """
            import sys, numpy as np
            out = sys.argv[1]
            base = np.array([[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]],
                             [[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]])
            for kind in ['f2', 'f4', 'f8', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'b1']:
                values = (base % 2 == 1) if kind == 'b1' else base * (7 if kind[0] != 'f' else 0.125) + (
                    -40 if kind[0] in 'if' else 0)
                if kind == 'u8':
                    values = values.astype('u8') + np.uint64(2**63)
                for order in ['<', '>']:
                    dtype = np.dtype(kind).newbyteorder(order)
                    for layout in ['C', 'F']:
                        array = np.asarray(values, dtype=dtype, order=layout)
                        # A transposed view is what np.save writes as Fortran order.
                        saved = np.asfortranarray(array) if layout == 'F' else np.ascontiguousarray(array)
                        name = f'{out}/{kind}-{"le" if order == "<" else "be"}-{layout}'
                        np.save(name + '.npy', saved)
                        with open(name + '.txt', 'w') as text:
                            text.write(' '.join(repr(float(v)) for v in saved.astype('f8').ravel(order='C')))
            """;

    @TempDir
    static Path written;

    @BeforeAll
    static void writeWithNumpy() throws IOException, InterruptedException {
        Path script = written.resolve("write.py");
        Files.writeString(script, PYTHON);
        Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), written.toString())
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes());
        if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new IllegalStateException("numpy could not write the test arrays: " + output);
        }
    }

    @Test
    void readsEveryDtypeByteOrderAndMemoryOrderAsNumpyHoldsIt() throws IOException {
        List<String> read = new ArrayList<>();
        try (var files = Files.list(written)) {
            for (Path npy : files.filter(path -> path.toString().endsWith(".npy")).sorted().toList()) {
                String name = npy.getFileName().toString().replace(".npy", "");
                double[] expected = java.util.Arrays.stream(Files.readString(written.resolve(name + ".txt"))
                        .split(" ")).mapToDouble(Double::parseDouble).toArray();
                Npy.Doubles doubles = Npy.readDoubles(npy);
                assertArrayEquals(new int[] {2, 3, 4}, doubles.shape(), name);
                assertArrayEquals(expected, doubles.data(), name);
                float[] floats = new float[expected.length];
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = (float) expected[i];
                }
                assertArrayEquals(floats, Npy.read(npy).data(), name);
                read.add(name);
            }
        }
        assertEquals(12 * 2 * 2, read.size(), "every dtype in both byte orders and both memory orders: " + read);
    }
}
