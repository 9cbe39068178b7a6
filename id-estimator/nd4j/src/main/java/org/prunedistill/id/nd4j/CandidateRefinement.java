package org.prunedistill.id.nd4j;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The exact pass of {@link Nd4jNearestNeighbours}: per point, exact double distances for its screened candidates in
 * ascending key order until the {@link ScreeningBound} proves that every later candidate, and every point that is
 * not a candidate, is farther than the k-th exact distance found; the k best by (distance, index) are kept. A point
 * for which the proof fails (ties or near-ties spanning the whole candidate list) is rescanned exactly against every
 * other point. Distances are {@link org.prunedistill.id.ExactDistance}'s, bit for bit ({@link RowDistances}).
 */
final class CandidateRefinement {

    private static final RowDistances ROWS = RowDistances.fastest();

    private CandidateRefinement() {
    }

    /** Output rows plus how many points needed the full rescan. */
    record Refined(double[][] distances, int[][] indices, int rescanned) {
    }

    static Refined refine(float[] data, int n, int d, int k, GramScreen.Screened screened) {
        CandidateLists lists = screened.candidates();
        double[] squaredNorms = screened.squaredNorms();
        double maxNorm = 0.0;
        for (double squared : squaredNorms) {
            maxNorm = Math.max(maxNorm, Math.sqrt(squared));
        }
        ScreeningBound bound = new ScreeningBound(d, screened.plan().chunkWidth(), maxNorm);
        double[][] distances = new double[n][k];
        int[][] indices = new int[n][k];
        AtomicInteger rescanned = new AtomicInteger();
        boolean everyOtherIsCandidate = lists.capacity() >= n - 1;
        int parts = Math.min(n, 8 * Runtime.getRuntime().availableProcessors());
        IntStream.range(0, parts).parallel().forEach(p -> {
            TopK best = new TopK(k);
            for (int i = (int) ((long) n * p / parts); i < (long) n * (p + 1) / parts; i++) {
                double norm = Math.sqrt(squaredNorms[i]);
                boolean proven = fromCandidates(data, d, i, lists, bound, norm, best) || everyOtherIsCandidate;
                if (!proven) {
                    best.clear();
                    rescan(data, n, d, i, best);
                    rescanned.incrementAndGet();
                }
                best.drainAscending(distances[i], indices[i]);
            }
        });
        return new Refined(distances, indices, rescanned.get());
    }

    /**
     * Exact distances to i's candidates in key order while a candidate may still beat the k-th; true if the bound
     * then also excludes every non-candidate.
     */
    private static boolean fromCandidates(float[] data, int d, int i, CandidateLists lists, ScreeningBound bound,
                                          double norm, TopK best) {
        int size = lists.sortAscending(i);
        double worstKey = lists.worstKey(i);
        int slot = 0;
        int[] group = new int[RowDistances.GROUP];
        double[] distances = new double[RowDistances.GROUP];
        for (; slot + RowDistances.GROUP <= Math.min(size, best.capacity()); slot += RowDistances.GROUP) {
            for (int g = 0; g < RowDistances.GROUP; g++) {
                group[g] = lists.index(i, slot + g);
            }
            ROWS.group(data, d, i, group, distances);
            for (int g = 0; g < RowDistances.GROUP; g++) {
                best.offer(distances[g], group[g]);
            }
        }
        for (; slot < size; slot++) {
            if (best.full() && bound.beyond(bound.distanceLowerBound(lists.key(i, slot), norm), best.kth())) {
                return true;
            }
            int j = lists.index(i, slot);
            best.offer(ROWS.one(data, d, i, j), j);
        }
        return bound.beyond(bound.distanceLowerBound(worstKey, norm), best.kth());
    }

    private static void rescan(float[] data, int n, int d, int i, TopK best) {
        for (int j = 0; j < n; j++) {
            if (j != i) {
                best.offer(ROWS.one(data, d, i, j), j);
            }
        }
    }
}
