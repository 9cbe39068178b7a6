package org.prunedistill.extraction.training;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.OPENBLAS_VERSION;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * A zeroed off-heap float array that OpenBLAS's sgemm reads and writes in place, with a {@link FloatBuffer} view
 * (native byte order) through which Java code copies whole rows in and out. Not thread-safe; {@link #close()} frees
 * the memory.
 *
 * <p>Every product runs on the calling thread: {@link #oneBlasThread()} sets OpenBLAS's thread count to 1 for the
 * process. OpenBLAS splits a multi-threaded product over the rows and columns of the result, not over the summed
 * dimension, yet the bits of some elements still depend on its thread count: measured with OpenBLAS 0.3.28 (Haswell
 * kernel) on the deep network's training shapes, 2 threads against 1 changed the last bits of 2% to 46% of the
 * elements (none for 2304 x 256 x 256). With one thread a product is a fixed sequence of kernel calls, so its
 * result is a function of its operands and of the kernel OpenBLAS picked for the processor (from the CPU, or
 * {@code OPENBLAS_CORETYPE} when set).
 */
final class OffHeapFloats implements AutoCloseable {

    private final FloatPointer pointer;
    private final FloatBuffer buffer;

    /** @param length number of floats, at least 1 */
    OffHeapFloats(long length) {
        if (length < 1 || length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("length must be in [1, 2^31 - 1], was " + length);
        }
        this.pointer = new FloatPointer(length);
        pointer.zero();
        this.buffer = pointer.asBuffer();
    }

    /** Makes every OpenBLAS product of this process run on its caller's thread (see the class comment). */
    static void oneBlasThread() {
        openblas_nolapack.blas_set_num_threads(1);
    }

    /**
     * What the products' bits depend on besides their operands: the library and the kernel choice, e.g.
     * {@code "OpenBLAS 0.3.28 sgemm, 1 thread per product, kernel auto-detected"} or {@code "..., kernel
     * OPENBLAS_CORETYPE=Haswell"}.
     */
    static String products() {
        String forced = System.getenv("OPENBLAS_CORETYPE");
        return OPENBLAS_VERSION.trim() + " sgemm, 1 thread per product, kernel "
                + (forced == null || forced.isBlank() ? "auto-detected" : "OPENBLAS_CORETYPE=" + forced);
    }

    /**
     * Row-major {@code C = op(A) op(B) + beta C} with op(A) m x k, op(B) k x n and C m x n, each matrix starting at
     * the given offset of its array with rows {@code ld*} floats apart.
     */
    static void multiply(boolean transposeA, boolean transposeB, int m, int n, int k, OffHeapFloats a, long aOffset,
                         int lda, OffHeapFloats b, long bOffset, int ldb, float beta, OffHeapFloats c, long cOffset,
                         int ldc) {
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                m, n, k, 1f, a.pointer.getPointer(aOffset), lda, b.pointer.getPointer(bOffset), ldb, beta,
                c.pointer.getPointer(cOffset), ldc);
    }

    /** Copies {@code length} floats of {@code from} starting at {@code fromIndex} to {@code [at, at + length)}. */
    void put(int at, float[] from, int fromIndex, int length) {
        buffer.put(at, from, fromIndex, length);
    }

    /** Copies {@code [at, at + length)} into {@code to} starting at {@code toIndex}. */
    void get(int at, float[] to, int toIndex, int length) {
        buffer.get(at, to, toIndex, length);
    }

    @Override
    public void close() {
        pointer.close();
    }
}
