package org.prunedistill.id.nd4j;

/**
 * How the all-pairs Gram products are cut to fit a memory budget: row blocks of {@code rowBlock} points are
 * multiplied against every later point ({@code rowBlock x (n - start)} float32 products), the feature axis in chunks
 * of {@code chunkWidth} columns whose partial products are accumulated by the BLAS ({@code beta = 1}).
 *
 * <p>{@code resident}: the centred float32 copy of all points (n x d) lives off-heap, chunk-major, and is multiplied in
 * place; otherwise one chunk of the rows still needed ({@code (n - start) x chunkWidth}) is copied into a staging
 * buffer before each product (streaming, for inputs larger than the budget).
 *
 * @param rowBlock   points per row block
 * @param chunkWidth features per chunk
 * @param resident   whether the whole centred input is held off-heap
 * @param bytes      working memory this plan allocates: off-heap buffers plus candidate lists
 */
public record BlockPlan(int rowBlock, int chunkWidth, boolean resident, long bytes) {

    /** Widest feature chunk: bounds the float32 accumulation error (see {@link ScreeningBound}). */
    static final int MAX_CHUNK = 1024;
    /**
     * Row block when the input is resident: the block's own pairs go through ssyrk (no diagonal square wasted), and
     * the taller products run nearer the BLAS's square-matrix rate (README).
     */
    static final int RESIDENT_BLOCK = 2048;
    /** Row block when streaming: larger blocks copy the input fewer times ({@code n / (2 rowBlock)} passes). */
    static final int STREAMING_BLOCK = 1024;
    static final int MIN_BLOCK = 32;
    static final int MIN_CHUNK = 8;

    /**
     * The plan for n points of d features keeping {@code capacity} candidates each.
     *
     * @throws IllegalArgumentException naming {@code memoryBudgetBytes} if not even the smallest blocks fit
     */
    static BlockPlan of(int n, int d, int capacity, long memoryBudgetBytes) {
        long fixed = CandidateLists.bytes(n, capacity) + (long) n * 3 * Double.BYTES + (long) d * Double.BYTES;
        int widest = Math.min(d, MAX_CHUNK);
        for (int block = Math.min(n, RESIDENT_BLOCK); block >= Math.min(n, MIN_BLOCK); block /= 2) {
            long bytes = fixed + floats((long) n * d) + floats((long) block * n);
            if (bytes <= memoryBudgetBytes && viewable((long) n * d) && viewable((long) block * n)) {
                return new BlockPlan(block, widest, true, bytes);
            }
        }
        for (int block = Math.min(n, STREAMING_BLOCK); block >= Math.min(n, MIN_BLOCK); block /= 2) {
            for (int chunk = widest; chunk >= Math.min(d, MIN_CHUNK); chunk /= 2) {
                long bytes = fixed + floats((long) n * chunk) + floats((long) block * n);
                if (bytes <= memoryBudgetBytes && viewable((long) n * chunk) && viewable((long) block * n)) {
                    return new BlockPlan(block, chunk, false, bytes);
                }
            }
        }
        throw new IllegalArgumentException("memoryBudgetBytes: " + memoryBudgetBytes + " bytes cannot hold the "
                + "candidate lists and the smallest blocks for " + n + " points of " + d + " features (need about "
                + (fixed + floats((long) n * Math.min(d, MIN_CHUNK)) + floats((long) Math.min(n, MIN_BLOCK) * n))
                + ")");
    }

    /** Whether one NIO view (at most {@link Integer#MAX_VALUE} bytes) covers a buffer of {@code count} floats. */
    private static boolean viewable(long count) {
        return floats(count) <= Integer.MAX_VALUE;
    }

    private static long floats(long count) {
        return count * Float.BYTES;
    }
}
