package org.prunedistill.id.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasUpper;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_ssyrk;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The screening pass of {@link Nd4jNearestNeighbours}: every unordered pair once, through blockwise float32 Gram
 * products {@code X'_I X'_(I..n)^T} of the centred points (in {@link OffHeap} buffers, by the sgemm of the OpenBLAS
 * ND4J runs on), squared-distance keys
 * {@code |x'|^2 + |y'|^2 - 2 x'.y'} in double, each pair offered to both points' candidate lists.
 *
 * <p>Row blocks, feature chunks and residency follow a {@link BlockPlan}. The key loops run on the common fork-join
 * pool; one list is only ever touched by one thread at a time (row phase: rows split; column phase: columns split).
 */
final class GramScreen {

    /** Column ranges per thread in the column phase, for load balance. */
    private static final int PARTS_PER_THREAD = 4;
    private static final int RESIDENT = -1;

    private final float[] data;
    private final int n;
    private final int d;
    private final BlockPlan plan;
    private final double[] mean;
    private final double[] squaredNorms;

    private GramScreen(float[] data, int n, int d, BlockPlan plan) {
        this.data = data;
        this.n = n;
        this.d = d;
        this.plan = plan;
        this.mean = columnMeans(data, n, d);
        this.squaredNorms = new double[n];
    }

    /** Screens all pairs of the n x d row-major points into lists of {@code capacity} candidates. */
    static Screened screen(float[] data, int n, int d, int capacity, BlockPlan plan) {
        long start = System.nanoTime();
        GramScreen screen = new GramScreen(data, n, d, plan);
        return screen.run(new CandidateLists(n, capacity), start);
    }

    /**
     * The candidate lists, the centred squared norms |x'|^2 (double), the plan used and the seconds spent centring
     * (means, buffers, the resident copy), in the products (with the streamed copies) and on the keys.
     */
    record Screened(CandidateLists candidates, double[] squaredNorms, BlockPlan plan, double centringSeconds,
                    double productSeconds, double keySeconds) {
    }

    private Screened run(CandidateLists lists, long started) {
        int chunks = (d + plan.chunkWidth() - 1) / plan.chunkWidth();
        long pointFloats = plan.resident() ? (long) n * d : (long) n * plan.chunkWidth();
        try (OffHeap pointsMemory = new OffHeap(pointFloats);
             OffHeap productsMemory = new OffHeap((long) plan.rowBlock() * n)) {
            FloatPointer points = pointsMemory.floats;
            FloatPointer products = productsMemory.floats;
            FloatBuffer pointsView = points.asBuffer();
            FloatBuffer productsView = products.asBuffer();
            if (plan.resident()) {
                IntStream.range(0, n).parallel()
                        .forEach(row -> squaredNorms[row] = copyCentred(pointsView, row, 0, chunks, RESIDENT));
            } else {
                IntStream.range(0, n).parallel().forEach(row -> squaredNorms[row] = centredNorm(row));
            }
            long centred = System.nanoTime();
            long productNanos = 0;
            long keyNanos = 0;
            for (int start = 0; start < n; start += plan.rowBlock()) {
                int rows = Math.min(plan.rowBlock(), n - start);
                long before = System.nanoTime();
                for (int c = 0; c < chunks; c++) {
                    multiply(points, pointsView, c, start, rows, products);
                }
                long multiplied = System.nanoTime();
                offerBlock(productsView, start, rows, n - start, lists);
                productNanos += multiplied - before;
                keyNanos += System.nanoTime() - multiplied;
            }
            return new Screened(lists, squaredNorms, plan, (centred - started) / 1e9, productNanos / 1e9,
                    keyNanos / 1e9);
        }
    }

    /**
     * products (+)= X'[start, start + rows) X'[start, n)^T over feature chunk c, row-major {@code rows x (n - start)};
     * when streaming, the chunk's rows are copied to the staging buffer first.
     *
     * <p>The BLAS is called directly on the buffers: through {@code Nd4j.gemm} (views, a row-major result accumulated
     * chunk by chunk) the same products ran at a quarter of the BLAS's rate (measured in the README).
     */
    private void multiply(FloatPointer points, FloatBuffer pointsView, int c, int start, int rows,
                          FloatPointer products) {
        int features = chunkWidth(c);
        long offset;
        if (plan.resident()) {
            offset = (long) n * c * plan.chunkWidth() + (long) start * features;
        } else {
            IntStream.range(start, n).parallel().forEach(row -> copyCentred(pointsView, row, c, c + 1, start));
            offset = 0;
        }
        FloatPointer block = points.getPointer(offset);
        float beta = c == 0 ? 0.0f : 1.0f;
        int width = n - start;
        // The block's own pairs by ssyrk (upper triangle only, the only part the keys read), the later points by sgemm.
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, rows, features, 1.0f, block, features, beta, products,
                width);
        if (width > rows) {
            FloatPointer later = points.getPointer(offset + (long) rows * features);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, width - rows, features, 1.0f, block, features,
                    later, features, beta, products.getPointer(rows), width);
        }
    }

    /**
     * Floats from {@code malloc}, freed on close. The memory budget is the limit: JavaCPP's own accounting (a
     * {@code FloatPointer} of a size) refuses more than the JVM's {@code -Xmx} in all, which a search with a budget
     * above the heap needs; ND4J's {@code Nd4j.createBuffer}, outside that accounting too, took 0.3 s longer for
     * 160 MB (README).
     */
    private static final class OffHeap implements AutoCloseable {

        final FloatPointer floats;
        private final Pointer memory;

        OffHeap(long count) {
            memory = Pointer.malloc(count * Float.BYTES);
            if (memory == null || memory.isNull()) {
                throw new OutOfMemoryError("neighbour search: malloc of " + count * Float.BYTES + " bytes failed");
            }
            floats = new FloatPointer(memory).capacity(count);
        }

        @Override
        public void close() {
            Pointer.free(memory);
        }
    }

    private int chunkWidth(int c) {
        return Math.min(plan.chunkWidth(), d - c * plan.chunkWidth());
    }

    /**
     * Writes the centred chunks [from, to) of one row off-heap (resident: chunk-major at its own row; streaming:
     * staging row {@code row - stagingStart}) and returns their sum of squares in double.
     */
    private double copyCentred(FloatBuffer target, int row, int from, int to, int stagingStart) {
        int chunk = plan.chunkWidth();
        float[] values = new float[chunk];
        double sum = 0.0;
        for (int c = from; c < to; c++) {
            int width = chunkWidth(c);
            int source = row * d + c * chunk;
            for (int t = 0; t < width; t++) {
                float value = (float) (data[source + t] - mean[c * chunk + t]);
                values[t] = value;
                sum += (double) value * value;
            }
            long at = stagingStart == RESIDENT ? (long) n * c * chunk + (long) row * width
                    : (long) (row - stagingStart) * width;
            target.put(Math.toIntExact(at), values, 0, width);
        }
        return sum;
    }

    private double centredNorm(int row) {
        double sum = 0.0;
        int source = row * d;
        for (int c = 0; c < d; c++) {
            float value = (float) (data[source + c] - mean[c]);
            sum += (double) value * value;
        }
        return sum;
    }

    private static double[] columnMeans(float[] data, int n, int d) {
        int parts = Math.max(1, Math.min(n, 4 * Runtime.getRuntime().availableProcessors()));
        double[][] partial = new double[parts][];
        IntStream.range(0, parts).parallel().forEach(p -> {
            double[] sums = new double[d];
            for (int row = (int) ((long) n * p / parts); row < (long) n * (p + 1) / parts; row++) {
                int base = row * d;
                for (int c = 0; c < d; c++) {
                    sums[c] += data[base + c];
                }
            }
            partial[p] = sums;
        });
        double[] mean = new double[d];
        for (double[] sums : partial) {
            for (int c = 0; c < d; c++) {
                mean[c] += sums[c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        return mean;
    }

    /** Offers every pair (i, j), i in the block, j > i, to i's list (row phase) and to j's list (column phase). */
    private void offerBlock(FloatBuffer products, int start, int rows, int width, CandidateLists lists) {
        ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[width]);
        IntStream.range(start, start + rows).parallel().forEach(i -> {
            float[] row = buffers.get();
            products.get((i - start) * width, row, 0, width);
            double normI = squaredNorms[i];
            double threshold = lists.threshold(i);
            for (int j = i + 1; j < n; j++) {
                double key = normI + squaredNorms[j] - 2.0 * row[j - start];
                if (key <= threshold) {
                    lists.offer(i, key, j);
                    threshold = lists.threshold(i);
                }
            }
        });
        int parts = Math.min(width, PARTS_PER_THREAD * Runtime.getRuntime().availableProcessors());
        IntStream.range(0, parts).parallel().forEach(p -> {
            int from = start + 1 + (int) ((long) (width - 1) * p / parts);
            int to = start + 1 + (int) ((long) (width - 1) * (p + 1) / parts);
            float[] segment = new float[Math.max(0, to - from)];
            for (int i = start; i < start + rows && i + 1 < to; i++) {
                int first = Math.max(from, i + 1);
                products.get((i - start) * width + (first - start), segment, 0, to - first);
                double normI = squaredNorms[i];
                for (int j = first; j < to; j++) {
                    double key = normI + squaredNorms[j] - 2.0 * segment[j - first];
                    if (key <= lists.threshold(j)) {
                        lists.offer(j, key, i);
                    }
                }
            }
        });
    }
}
