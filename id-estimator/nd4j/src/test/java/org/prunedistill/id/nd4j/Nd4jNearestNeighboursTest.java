package org.prunedistill.id.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prunedistill.id.IdAnalysis;
import org.prunedistill.id.IdAnalysisResult;
import org.prunedistill.id.NearestNeighbours;
import org.prunedistill.id.Neighbourhoods;
import org.prunedistill.id.Points;

class Nd4jNearestNeighboursTest {

    private static final long DEFAULT = Nd4jNearestNeighbours.DEFAULT_MEMORY_BUDGET;

    @Test
    void matchesTheReferenceSearchOnGaussianPointsWithoutRescanning() {
        Points points = gaussian(500, 20, 0.0, 1);
        NeighbourSearch search = Nd4jNearestNeighbours.search(points, 10, DEFAULT);
        assertSame(NearestNeighbours.exact(points, 10), search.neighbourhoods());
        assertEquals(0, search.rescanned());
        assertTrue(search.plan().resident());
        NeighbourSearch.Phases seconds = search.seconds();
        assertTrue(java.util.stream.DoubleStream.of(seconds.centring(), seconds.products(), seconds.keys(),
                seconds.exact()).allMatch(phase -> phase >= 0.0 && Double.isFinite(phase)), seconds.toString());
        assertTrue(seconds.toString().matches("\\d+\\.\\d{2}(/\\d+\\.\\d{2}){3}"), "the benchmark's column: " + seconds);
    }

    @Test
    void matchesTheReferenceSearchOnAGridWithTiesAndDuplicates() {
        SplittableRandom random = new SplittableRandom(2);
        int n = 600;
        int d = 5;
        float[] data = new float[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(4) - 1.5f;
        }
        Points points = new Points(data, n, d);
        for (int k : new int[] {1, 2, 12, 40}) {
            NeighbourSearch search = Nd4jNearestNeighbours.search(points, k, DEFAULT);
            Neighbourhoods expected = NearestNeighbours.exact(points, k);
            assertTrue(expected.duplicatesRemoved() > 0);
            assertSame(expected, search.neighbourhoods());
            if (k == 40) {
                assertTrue(search.rescanned() > 0, "ties wider than the slack force exhaustive rescans");
            }
        }
    }

    @Test
    void matchesTheReferenceSearchOverSeveralResidentRowBlocks() {
        // A full block (its own pairs by ssyrk, the later points by sgemm), then a shorter last one (ssyrk alone).
        Points points = gaussian(BlockPlan.RESIDENT_BLOCK + 452, 30, 0.0, 3);
        NeighbourSearch search = Nd4jNearestNeighbours.search(points, 16, DEFAULT);
        assertEquals(BlockPlan.RESIDENT_BLOCK, search.plan().rowBlock());
        assertSame(NearestNeighbours.exact(points, 16), search.neighbourhoods());
    }

    @Test
    void needsNoJavaCppAllowanceBeyondItsBudget() {
        // The tests run with JavaCPP's allocation limit at 8 MiB (pom.xml); this resident copy alone is 16 MB, as a
        // 2 GiB budget is above a service's 768 MiB heap, the limit JavaCPP takes by default.
        Points points = gaussian(2000, 2048, 0.0, 9);
        NeighbourSearch search = Nd4jNearestNeighbours.search(points, 8, DEFAULT);
        assertTrue(search.plan().resident());
        assertTrue(search.plan().bytes() > 16_000_000, search.plan().toString());
        assertSame(NearestNeighbours.exact(points, 8), search.neighbourhoods());
    }

    @Test
    void matchesTheReferenceSearchWhenStreamingFeatureChunksUnderASmallBudget() {
        int n = 400;
        int d = 2100;
        Points points = withDuplicates(gaussian(n, d, 0.0, 4), 7);
        long budget = 600_000;
        NeighbourSearch search = Nd4jNearestNeighbours.search(points, 8, budget);
        BlockPlan plan = search.plan();
        assertFalse(plan.resident());
        assertTrue(plan.rowBlock() < n && plan.chunkWidth() < d, plan.toString());
        assertTrue(plan.bytes() <= budget);
        assertSame(NearestNeighbours.exact(points, 8), search.neighbourhoods());
        assertEquals(7, search.neighbourhoods().duplicatesRemoved());
    }

    @Test
    void matchesTheReferenceSearchFarFromTheOrigin() {
        Points points = gaussian(800, 12, 1.0e4, 5);
        NeighbourSearch search = Nd4jNearestNeighbours.search(points, 20, 1_000_000);
        assertSame(NearestNeighbours.exact(points, 20), search.neighbourhoods());
        assertEquals(0, search.rescanned(), "centring keeps the bound tight");
    }

    @Test
    void matchesTheReferenceSearchOnALowDimensionalSetInHighDimension() {
        SplittableRandom random = new SplittableRandom(6);
        int n = 700;
        int d = 3000;
        float[] data = new float[n * d];
        float[][] basis = new float[2][d];
        for (float[] axis : basis) {
            for (int c = 0; c < d; c++) {
                axis[c] = (float) random.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double v = random.nextDouble();
            for (int c = 0; c < d; c++) {
                data[i * d + c] = (float) (u * basis[0][c] + v * basis[1][c] + 3.0);
            }
        }
        Points points = new Points(data, n, d);
        assertSame(NearestNeighbours.exact(points, 32), Nd4jNearestNeighbours.exact(points, 32, DEFAULT));
    }

    @Test
    void upToCapsKAtTheDistinctPointsLikeTheReferenceSearch() {
        Points points = withDuplicates(gaussian(30, 4, 0.0, 7), 5);
        assertSame(NearestNeighbours.upTo(points, 64), Nd4jNearestNeighbours.upTo(points, 64, DEFAULT));
        assertEquals(29, Nd4jNearestNeighbours.upTo(points, 64, DEFAULT).k());
    }

    @Test
    void findsEveryOtherPointWhenKIsNMinusOne() {
        Points points = gaussian(9, 3, 0.0, 8);
        assertSame(NearestNeighbours.exact(points, 8), Nd4jNearestNeighbours.exact(points, 8));
    }

    @Test
    void givesIdAnalysisTheSameResultAsThePlainJavaSearch() {
        Points points = withDuplicates(gaussian(400, 30, 0.0, 21), 3);
        IdAnalysisResult java = IdAnalysis.withDefaults().analyse(points);
        assertEquals(java, IdAnalysis.withDefaults().withNeighbourSearch(Nd4jNearestNeighbours.method(DEFAULT))
                .analyse(points));
        assertEquals(java, IdAnalysis.withDefaults().withNeighbourSearch(Nd4jNearestNeighbours.auto(DEFAULT))
                .analyse(points));
    }

    @Test
    void rejectsInvalidArgumentsNamingThem() {
        Points points = gaussian(20, 3, 0.0, 9);
        assertMessage("points", () -> Nd4jNearestNeighbours.exact(null, 2, DEFAULT));
        assertMessage("k must be in [1, 19]", () -> Nd4jNearestNeighbours.exact(points, 0, DEFAULT));
        assertMessage("k must be in [1, 19]", () -> Nd4jNearestNeighbours.exact(points, 20, DEFAULT));
        assertMessage("memoryBudgetBytes", () -> Nd4jNearestNeighbours.exact(points, 2, 0));
        assertMessage("memoryBudgetBytes", () -> Nd4jNearestNeighbours.exact(points, 2, 1000));
        assertMessage("maxK", () -> Nd4jNearestNeighbours.upTo(points, 0, DEFAULT));
        Points twoDistinct = new Points(new float[] {1, 1, 2, 2, 1, 1}, 3, 2);
        assertMessage("only 2 distinct", () -> Nd4jNearestNeighbours.exact(twoDistinct, 1, DEFAULT));
    }

    private static void assertSame(Neighbourhoods expected, Neighbourhoods actual) {
        assertEquals(expected.pointsBefore(), actual.pointsBefore());
        assertEquals(expected.duplicatesRemoved(), actual.duplicatesRemoved());
        assertEquals(expected.n(), actual.n());
        for (int i = 0; i < expected.n(); i++) {
            assertArrayEquals(expected.indices()[i], actual.indices()[i], "indices of point " + i);
            assertArrayEquals(expected.distances()[i], actual.distances()[i], "distances of point " + i);
        }
    }

    private static void assertMessage(String fragment, Runnable call) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(error.getMessage().contains(fragment), error.getMessage());
    }

    private static Points gaussian(int n, int d, double offset, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (offset + random.nextGaussian());
        }
        return new Points(data, n, d);
    }

    /** The points with their first {@code copies} rows appended again at the end. */
    private static Points withDuplicates(Points points, int copies) {
        int d = points.d();
        float[] data = java.util.Arrays.copyOf(points.data(), (points.n() + copies) * d);
        System.arraycopy(points.data(), 0, data, points.n() * d, copies * d);
        return new Points(data, points.n() + copies, d);
    }
}
