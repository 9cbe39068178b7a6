package org.prunedistill.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Two builds of the information estimators timed side by side in one JVM (run by {@code info-decoder/bench-ab.sh},
 * not a test): each build's classes get their own class loader and their own {@link UnitPass}, and the two passes
 * alternate round by round (A then B, then B then A), so that the host's changes of speed, which reach a third within
 * minutes on a shared VM, fall on both alike. One thread; every unit of the benchmark's {@code responses.npy} (or its
 * first {@code units}) through the estimate of {@code InformationBenchmark}. Prints each build's minimum and median
 * time per unit and the median and quartiles of the per-round ratio B/A; run it with A = B to see the harness's own
 * bias.
 *
 * <p>Usage: {@code EstimatorAb <classes A> <classes B> <responses.npy> <units> <rounds> <permutations>}.
 */
public final class EstimatorAb {

    private static final int WARM_UP_ROUNDS = 3;

    private EstimatorAb() {
    }

    public static void main(String[] args) throws Exception {
        Path benchmarkClasses = Path.of(EstimatorAb.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        float[] all = NpyFiles.readFloats(Path.of(args[2]));
        int units = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        System.setProperty(UnitPass.PERMUTATIONS, args[5]);
        float[] responses = Arrays.copyOf(all, Math.min(all.length, units * UnitPass.TRIALS));
        ToDoubleFunction<float[]> a = Builds.load(Path.of(args[0]), benchmarkClasses, UnitPass.class);
        ToDoubleFunction<float[]> b = Builds.load(Path.of(args[1]), benchmarkClasses, UnitPass.class);
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            a.applyAsDouble(responses);
            b.applyAsDouble(responses);
        }
        double[] timesA = new double[rounds];
        double[] timesB = new double[rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                timesA[round] = a.applyAsDouble(responses);
                timesB[round] = b.applyAsDouble(responses);
            } else {
                timesB[round] = b.applyAsDouble(responses);
                timesA[round] = a.applyAsDouble(responses);
            }
            ratios[round] = timesB[round] / timesA[round];
        }
        Arrays.sort(timesA);
        Arrays.sort(timesB);
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "A %s: min %.2f us, median %.2f us per unit%n", args[0], timesA[0] / 1e3,
                timesA[rounds / 2] / 1e3);
        System.out.printf(Locale.ROOT, "B %s: min %.2f us, median %.2f us per unit%n", args[1], timesB[0] / 1e3,
                timesB[rounds / 2] / 1e3);
        System.out.printf(Locale.ROOT, "B/A per round (%d rounds of %d units, %s permutations): median %.3f, "
                + "quartiles %.3f-%.3f%n", rounds, responses.length / UnitPass.TRIALS, args[5], ratios[rounds / 2],
                ratios[rounds / 4], ratios[3 * rounds / 4]);
    }
}
