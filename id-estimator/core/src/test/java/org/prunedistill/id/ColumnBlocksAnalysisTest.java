package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-pass analysis of column blocks gives the in-memory analysis's results bit for bit. */
class ColumnBlocksAnalysisTest {

    @Test
    void givesTheInMemoryResultBitForBitWhateverTheBlockWidth() {
        Points points = gaussianWithDuplicates(80, 300, 5);
        IdAnalysisResult inMemory = IdAnalysis.withDefaults().withSeed(3).analyse(points);
        assertEquals(5, inMemory.duplicatesRemoved());
        for (int width : List.of(1, 7, 64, 300)) {
            IdAnalysisResult blockwise = IdAnalysis.withDefaults().withSeed(3).analyse(ColumnBlocks.of(points, width));
            assertEquals(inMemory, blockwise, "width " + width);
            assertArrayEquals(inMemory.twoNnSubsampled().repetitions().stream().mapToDouble(IdEstimate::id).toArray(),
                    blockwise.twoNnSubsampled().repetitions().stream().mapToDouble(IdEstimate::id).toArray(), 0.0);
        }
    }

    @Test
    void neighbourDistancesAreTheExactSearchsToTheLastBit() {
        // 1,100 columns: two whole spans and a shorter one, in blocks that straddle the spans' ends
        Points points = gaussianWithDuplicates(50, 1100, 2);
        Neighbourhoods exact = NearestNeighbours.exact(points, 49 - 2);
        PairwiseDistances pairs = new PairwiseDistances(points.n());
        ColumnBlocks.of(points, 17).forEach((from, width, values) -> pairs.add(values, width));
        assertThrows(IllegalStateException.class, () -> pairs.distance(0, 1), "not complete yet");
        pairs.complete();
        int[] distinct = pairs.distinctRows();
        Neighbourhoods blockwise = pairs.neighbourhoods(distinct, exact.k());
        assertEquals(exact.duplicatesRemoved(), blockwise.duplicatesRemoved());
        for (int i = 0; i < exact.n(); i++) {
            assertArrayEquals(exact.distances()[i], blockwise.distances()[i], 0.0, "row " + i);
            assertArrayEquals(exact.indices()[i], blockwise.indices()[i], "row " + i);
        }
    }

    @Test
    void countsConstantColumnsAsTheInMemoryLinearDimensionDoes() {
        Points varied = gaussianWithDuplicates(12, 40, 0);
        float[] data = varied.data().clone();
        for (int r = 0; r < 12; r++) {
            data[r * 40 + 7] = 0.1f;
            data[r * 40 + 31] = -2.0f;
        }
        Points points = new Points(data, 12, 40);
        IdAnalysis analysis = IdAnalysis.withDefaults().withGride(GrideMultiscale.withDefaults().withRangeMax(4));
        IdAnalysisResult blockwise = analysis.analyse(ColumnBlocks.of(points, 6));
        assertEquals(analysis.analyse(points), blockwise);
        assertEquals(2, blockwise.linear().constantFeatures());
    }

    @Test
    void namesTheRowAndColumnOfANonFiniteValue() {
        Points points = gaussianWithDuplicates(10, 40, 0);
        ColumnBlocks withNaN = new ColumnBlocks() {
            @Override
            public int n() {
                return 10;
            }

            @Override
            public int d() {
                return 40;
            }

            @Override
            public void forEach(Visitor visitor) {
                ColumnBlocks.of(points, 16).forEach((from, width, values) -> {
                    if (from == 16) {
                        values[3 * width + 5] = Float.NaN;
                    }
                    visitor.block(from, width, values);
                });
            }
        };
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> IdAnalysis.withDefaults().analyse(withNaN));
        assertTrue(error.getMessage().contains("row 3, column 21"), error.getMessage());
    }

    @Test
    void refusesFewerThanThreeDistinctPoints() {
        float[] data = new float[5 * 8];
        for (int c = 0; c < 8; c++) {
            data[c] = 1.0f;
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> IdAnalysis.withDefaults().analyse(ColumnBlocks.of(new Points(data, 5, 8), 3)));
        assertTrue(error.getMessage().contains("only 2 distinct"), error.getMessage());
    }

    /** n Gaussian rows in d dimensions, the last {@code duplicates} copying earlier ones. */
    private static Points gaussianWithDuplicates(int n, int d, int duplicates) {
        SplittableRandom random = new SplittableRandom(n * 31L + d);
        float[] data = new float[n * d];
        for (int i = 0; i < (n - duplicates) * d; i++) {
            data[i] = (float) random.nextGaussian();
        }
        for (int r = n - duplicates; r < n; r++) {
            System.arraycopy(data, (r - (n - duplicates)) * 3 * d, data, r * d, d);
        }
        return new Points(data, n, d);
    }
}
