package org.prunedistill.id;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Error bars by subsampling points (Ansuini, Laio, Macke and Zoccolan 2019, NeurIPS; SCIENCE.md 3.4): the estimator
 * is applied to {@code repetitions} (default 50) random subsets of floor(f N) distinct points (f = 0.9 by default,
 * N = points after duplicate removal) drawn without replacement; each subset gets its exact neighbourhoods from the
 * shared neighbour lists ({@link SharedNeighbours#subset}), so no all-pairs search is repeated. The result is the
 * mean and the population standard deviation of the estimates.
 *
 * <p>Works with any {@link IdEstimator}; {@code withNeighbours(k)} sets the neighbours computed per point (2 for
 * TwoNN, n2 for GRIDE). Randomness comes only from the generator passed to {@link #estimate}, so a seeded generator
 * gives reproducible error bars. Immutable.
 */
public final class Subsampling {

    public static final int DEFAULT_REPETITIONS = 50;
    public static final double DEFAULT_FRACTION = 0.9;
    public static final int DEFAULT_NEIGHBOURS = 2;
    /** Neighbours listed per point when {@link #estimate(Points, IdEstimator, RandomGenerator)} searches itself. */
    private static final int SHARED_LIST = 16;

    private final int repetitions;
    private final double fraction;
    private final int neighbours;

    private Subsampling(int repetitions, double fraction, int neighbours) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
        }
        if (!(fraction > 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be at least 1, got " + neighbours);
        }
        this.repetitions = repetitions;
        this.fraction = fraction;
        this.neighbours = neighbours;
    }

    /** 50 subsamples of 90% of the points, 2 neighbours per point. */
    public static Subsampling withDefaults() {
        return new Subsampling(DEFAULT_REPETITIONS, DEFAULT_FRACTION, DEFAULT_NEIGHBOURS);
    }

    public Subsampling withRepetitions(int repetitions) {
        return new Subsampling(repetitions, fraction, neighbours);
    }

    /** A copy drawing floor(fraction N) points per subsample, {@code 0 < fraction <= 1}. */
    public Subsampling withFraction(double fraction) {
        return new Subsampling(repetitions, fraction, neighbours);
    }

    /** A copy computing {@code neighbours} nearest neighbours per point of each subsample. */
    public Subsampling withNeighbours(int neighbours) {
        return new Subsampling(repetitions, fraction, neighbours);
    }

    public int repetitions() {
        return repetitions;
    }

    public double fraction() {
        return fraction;
    }

    public int neighbours() {
        return neighbours;
    }

    /**
     * Mean and SD of the estimator over the subsamples, searching the neighbours of {@code points} first.
     *
     * @throws IllegalArgumentException if a subsample would hold fewer than 3 points (or too few for the
     *                                  neighbours), or an argument is null
     */
    public SubsampledEstimate estimate(Points points, IdEstimator estimator, RandomGenerator random) {
        if (points == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        return estimate(SharedNeighbours.search(points, Math.max(SHARED_LIST, neighbours), NeighbourSearchMethod.JAVA),
                estimator, random);
    }

    /**
     * Mean and SD of the estimator over the subsamples of the shared neighbours' distinct points.
     *
     * @throws IllegalArgumentException if a subsample would hold fewer than 3 points (or too few for the
     *                                  neighbours), or an argument is null
     */
    public SubsampledEstimate estimate(SharedNeighbours shared, IdEstimator estimator, RandomGenerator random) {
        if (shared == null || estimator == null || random == null) {
            throw new IllegalArgumentException("shared, estimator and random must not be null");
        }
        int size = (int) (fraction * shared.n());
        if (size < Points.MIN_POINTS || size - 1 < neighbours) {
            throw new IllegalArgumentException("fraction " + fraction + " of " + shared.n() + " distinct points "
                    + "leaves " + size + ", fewer than " + Math.max(Points.MIN_POINTS, neighbours + 1));
        }
        List<IdEstimate> estimates = new ArrayList<>(repetitions);
        for (int r = 0; r < repetitions; r++) {
            int[] rows = Subsets.choose(shared.n(), size, random);
            estimates.add(estimator.estimate(shared.subset(rows, neighbours)));
        }
        return SubsampledEstimate.of(estimator.name(), size, estimates);
    }
}
