package org.prunedistill.bench;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.prunedistill.info.UnitInformationEstimator;

/**
 * One pass of {@link EstimatorAb}: every unit of a {@code [units, 380 x 20]} float32 block through
 * {@link #estimator}, {@code InformationBenchmark}'s estimate, on one thread; returns nanoseconds per unit. Public with
 * a public constructor, as each build's class loader makes its own.
 */
public final class UnitPass implements ToDoubleFunction<float[]> {

    static final String PERMUTATIONS = "pd.bench.permutations";
    static final int TRIALS = 380 * 20;
    private static final int TRIALS_PER_CONDITION = 20;
    /** Seed of the benchmark's data and, plus the unit's index, of each unit's permutations. */
    static final long SEED = 2017L;

    private final UnitInformationEstimator estimator = estimator(Integer.getInteger(PERMUTATIONS, 0));
    private final int[] stimuli = new int[TRIALS];
    private final double[] values = new double[TRIALS];
    /** Read after each pass, so that the estimates cannot be optimised away. */
    private double sink;

    public UnitPass() {
        for (int i = 0; i < TRIALS; i++) {
            stimuli[i] = i / TRIALS_PER_CONDITION;
        }
    }

    /** The benchmark's estimate, also {@link InformationBenchmark}'s: 3 bins, plug-in, PT, stored-order QE. */
    static UnitInformationEstimator estimator(int permutations) {
        return UnitInformationEstimator.withDefaults().withBins(3).withShuffles(0)
                .withQuadraticPermutations(UnitInformationEstimator.STORED_ORDER).withPermutations(permutations);
    }

    @Override
    public double applyAsDouble(float[] responses) {
        int units = responses.length / TRIALS;
        long start = System.nanoTime();
        for (int unit = 0; unit < units; unit++) {
            for (int i = 0; i < TRIALS; i++) {
                values[i] = responses[unit * TRIALS + i];
            }
            sink += estimator.estimate(values, stimuli, new SplittableRandom(SEED + unit)).pluginBits();
        }
        long elapsed = System.nanoTime() - start;
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("a plug-in value was NaN");
        }
        return (double) elapsed / units;
    }
}
