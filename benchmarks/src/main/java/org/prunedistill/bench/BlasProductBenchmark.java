package org.prunedistill.bench;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.Locale;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The best of five float32 {@code size^3} products by the OpenBLAS the neighbour search calls (JavaCPP's, which
 * ND4J loads), on {@code malloc}ed buffers as the search uses them: the rate its block products are compared with,
 * next to numpy's in {@code bench.sh}. Prints one JSON object ({@code size}, {@code seconds}, {@code gflops}). Not a
 * test.
 *
 * <p>Usage: {@code BlasProductBenchmark [size=4096]}.
 */
public final class BlasProductBenchmark {

    private static final int RUNS = 5;

    private BlasProductBenchmark() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        long count = (long) size * size;
        Pointer memory = Pointer.malloc(3 * count * Float.BYTES);
        if (memory == null || memory.isNull()) {
            throw new OutOfMemoryError("malloc of " + 3 * count * Float.BYTES + " bytes failed");
        }
        try {
            FloatPointer all = new FloatPointer(memory).capacity(3 * count);
            SplittableRandom random = new SplittableRandom(1);
            float[] row = new float[size];
            for (long at = 0; at < 2 * count; at += size) {
                for (int i = 0; i < size; i++) {
                    row[i] = (float) random.nextGaussian();
                }
                all.position(at).put(row);
            }
            all.position(0);
            FloatPointer a = all.getPointer(0);
            FloatPointer b = all.getPointer(count);
            FloatPointer c = all.getPointer(2 * count);
            double best = Double.POSITIVE_INFINITY;
            for (int run = 0; run < RUNS + 1; run++) {
                long start = System.nanoTime();
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, size, size, size, 1.0f, a, size, b, size, 0.0f,
                        c, size);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (run > 0) {
                    best = Math.min(best, seconds);   // run 0 starts the BLAS's threads
                }
            }
            // The kernel is printed by bench.sh (OPENBLAS_VERBOSE), the threads are OpenBLAS's default: one per core.
            System.out.println(String.format(Locale.ROOT, "{\"size\": %d, \"seconds\": %.6f, \"gflops\": %.1f}", size,
                    best, 2.0 * size * size * size / best / 1e9));
        } finally {
            Pointer.free(memory);
        }
    }
}
