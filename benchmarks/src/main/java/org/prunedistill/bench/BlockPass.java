package org.prunedistill.bench;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.prunedistill.id.ColumnBlocks;
import org.prunedistill.id.IdAnalysis;
import org.prunedistill.id.IdAnalysisResult;

/**
 * One pass of {@link ColumnBlocksAb}: {@code IdAnalysis.withDefaults().analyse(ColumnBlocks)} on seeded
 * standard-normal points handed out in blocks of columns (each block generated when asked for, never the matrix).
 * Takes {@code {n, d, width}}; returns the analysis's wall time, its {@code neighbours} step (the exact distance of
 * every pair, summed block by block) and its TwoNN estimate, in that order. Public with a public constructor, as each
 * build's class loader makes its own.
 */
public final class BlockPass implements Function<int[], double[]> {

    private static final long SEED = 29L;

    @Override
    public double[] apply(int[] shape) {
        int n = shape[0];
        int d = shape[1];
        int width = shape[2];
        float[] block = new float[n * width];
        ColumnBlocks blocks = new ColumnBlocks() {
            @Override
            public int n() {
                return n;
            }

            @Override
            public int d() {
                return d;
            }

            @Override
            public void forEach(Visitor visitor) {
                for (int from = 0; from < d; from += width) {
                    int columns = Math.min(width, d - from);
                    SplittableRandom random = new SplittableRandom(SEED + from);
                    float[] values = columns == width ? block : new float[n * columns];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) random.nextGaussian();
                    }
                    visitor.block(from, columns, values);
                }
            }
        };
        long start = System.nanoTime();
        IdAnalysisResult result = IdAnalysis.withDefaults().analyse(blocks);
        long nanos = System.nanoTime() - start;
        return new double[] {nanos, result.nanosByStep().getOrDefault("neighbours", 0L), result.twoNn().id()};
    }
}
