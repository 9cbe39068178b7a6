package org.prunedistill.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * Two builds of the intrinsic-dimension core timed side by side in one JVM on the analysis of column blocks (run by
 * {@code id-estimator/core/bench-blocks-ab.sh}, not a test): each build's classes in their own class loader, the two
 * alternating round by round (A then B, then B then A) so that the host's changes of speed fall on both alike. Prints
 * each build's median wall time and {@code neighbours} step (the pairs' exact distances), the median and quartiles of
 * the per-round ratio B/A of that step, and both builds' TwoNN estimates.
 *
 * <p>Usage: {@code ColumnBlocksAb <classes A> <classes B> <n> <d> <width> <rounds>}.
 */
public final class ColumnBlocksAb {

    private ColumnBlocksAb() {
    }

    public static void main(String[] args) throws Exception {
        Path benchmarkClasses = Path.of(ColumnBlocksAb.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Function<int[], double[]> a = Builds.load(Path.of(args[0]), benchmarkClasses, BlockPass.class);
        Function<int[], double[]> b = Builds.load(Path.of(args[1]), benchmarkClasses, BlockPass.class);
        int[] shape = {Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4])};
        int rounds = Integer.parseInt(args[5]);
        a.apply(shape);
        b.apply(shape);
        double[][] resultsA = new double[rounds][];
        double[][] resultsB = new double[rounds][];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                resultsA[round] = a.apply(shape);
                resultsB[round] = b.apply(shape);
            } else {
                resultsB[round] = b.apply(shape);
                resultsA[round] = a.apply(shape);
            }
            ratios[round] = resultsB[round][1] / resultsA[round][1];
            System.out.printf(Locale.ROOT, "round %d: A %.2f s (neighbours %.2f s), B %.2f s (neighbours %.2f s)%n",
                    round + 1, resultsA[round][0] / 1e9, resultsA[round][1] / 1e9, resultsB[round][0] / 1e9,
                    resultsB[round][1] / 1e9);
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "A %s: median %.2f s, neighbours %.2f s, TwoNN %.12f%n", args[0],
                median(resultsA, 0) / 1e9, median(resultsA, 1) / 1e9, resultsA[0][2]);
        System.out.printf(Locale.ROOT, "B %s: median %.2f s, neighbours %.2f s, TwoNN %.12f%n", args[1],
                median(resultsB, 0) / 1e9, median(resultsB, 1) / 1e9, resultsB[0][2]);
        System.out.printf(Locale.ROOT, "neighbours B/A per round (%d rounds, %d x %d in blocks of %d): median %.3f, "
                + "quartiles %.3f-%.3f%n", rounds, shape[0], shape[1], shape[2], ratios[rounds / 2],
                ratios[rounds / 4], ratios[3 * rounds / 4]);
    }

    private static double median(double[][] results, int column) {
        double[] values = Arrays.stream(results).mapToDouble(result -> result[column]).sorted().toArray();
        return values[values.length / 2];
    }
}
