package org.prunedistill.id.nd4j;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The exact pass of {@link Nd4jNearestNeighbours}: per point, exact double distances for its screened candidates in
 * ascending key order until the {@link ScreeningBound} proves that every later candidate, and every point that is
 * not a candidate, is farther than the k-th exact distance found; the k best by (distance, index) are kept. A point
 * for which the proof fails (ties or near-ties spanning the whole candidate list) is rescanned exactly against every
 * other point. Distances are {@code sqrt(sum_c (x_c - y_c)^2)} summed in double in feature order, the same value as
 * {@link org.prunedistill.id.NearestNeighbours}.
 */
final class CandidateRefinement {

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
        double[] four = new double[4];
        for (; slot + 4 <= Math.min(size, best.capacity()); slot += 4) {
            int j0 = lists.index(i, slot);
            int j1 = lists.index(i, slot + 1);
            int j2 = lists.index(i, slot + 2);
            int j3 = lists.index(i, slot + 3);
            distances(data, d, i, j0, j1, j2, j3, four);
            best.offer(four[0], j0);
            best.offer(four[1], j1);
            best.offer(four[2], j2);
            best.offer(four[3], j3);
        }
        for (; slot < size; slot++) {
            if (best.full() && bound.beyond(bound.distanceLowerBound(lists.key(i, slot), norm), best.kth())) {
                return true;
            }
            int j = lists.index(i, slot);
            best.offer(distance(data, i * d, j * d, d), j);
        }
        return bound.beyond(bound.distanceLowerBound(worstKey, norm), best.kth());
    }

    private static void rescan(float[] data, int n, int d, int i, TopK best) {
        for (int j = 0; j < n; j++) {
            if (j != i) {
                best.offer(distance(data, i * d, j * d, d), j);
            }
        }
    }

    /**
     * {@link #distance} from row i to rows j0..j3 at once: four independent sums, each in feature order, so each
     * value is bit-identical to the single one while the additions overlap.
     */
    private static void distances(float[] data, int d, int i, int j0, int j1, int j2, int j3, double[] out) {
        int a = i * d;
        int b0 = j0 * d;
        int b1 = j1 * d;
        int b2 = j2 * d;
        int b3 = j3 * d;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int c = 0; c < d; c++) {
            double x = data[a + c];
            double e0 = x - data[b0 + c];
            double e1 = x - data[b1 + c];
            double e2 = x - data[b2 + c];
            double e3 = x - data[b3 + c];
            s0 += e0 * e0;
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
        }
        out[0] = Math.sqrt(s0);
        out[1] = Math.sqrt(s1);
        out[2] = Math.sqrt(s2);
        out[3] = Math.sqrt(s3);
    }

    /** Euclidean distance of two rows, squares summed in double in feature order. */
    static double distance(float[] data, int a, int b, int d) {
        double sum = 0.0;
        for (int c = 0; c < d; c++) {
            double diff = (double) data[a + c] - data[b + c];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
