package org.prunedistill.id;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Equal-unit subsampling across areas (SCIENCE.md 3.4): areas recorded with different numbers of neurons are
 * compared at the same number of units. In every repetition each area keeps {@code units} of its columns (features),
 * drawn without replacement, and the estimator runs on all its rows (stimuli) restricted to them; the result per
 * area is the mean and population SD over the repetitions (default 50).
 *
 * <p>The number of units defaults to the smallest area's count ({@code withUnits(0)}); that area is then used whole
 * in every repetition and its SD is 0. Randomness comes only from the generator passed to {@link #estimate}.
 * Immutable.
 */
public final class EqualUnitSubsampling {

    public static final int DEFAULT_REPETITIONS = 50;
    /** Units value meaning "the smallest area's count". */
    public static final int SMALLEST_AREA = 0;

    private final int units;
    private final int repetitions;
    private final int neighbours;

    private EqualUnitSubsampling(int units, int repetitions, int neighbours) {
        if (units < 0) {
            throw new IllegalArgumentException("units must be positive, or 0 for the smallest area, got " + units);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
        }
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be at least 1, got " + neighbours);
        }
        this.units = units;
        this.repetitions = repetitions;
        this.neighbours = neighbours;
    }

    /** The smallest area's count of units, 50 repetitions, 2 neighbours per point. */
    public static EqualUnitSubsampling withDefaults() {
        return new EqualUnitSubsampling(SMALLEST_AREA, DEFAULT_REPETITIONS, Subsampling.DEFAULT_NEIGHBOURS);
    }

    /** A copy keeping {@code units} columns per area, 0 for the smallest area's count. */
    public EqualUnitSubsampling withUnits(int units) {
        return new EqualUnitSubsampling(units, repetitions, neighbours);
    }

    public EqualUnitSubsampling withRepetitions(int repetitions) {
        return new EqualUnitSubsampling(units, repetitions, neighbours);
    }

    public EqualUnitSubsampling withNeighbours(int neighbours) {
        return new EqualUnitSubsampling(units, repetitions, neighbours);
    }

    public int units() {
        return units;
    }

    public int repetitions() {
        return repetitions;
    }

    /**
     * One estimate per area, in the order given; each has {@code sampleSize} = the units kept.
     *
     * @param areas per area, stimuli x units
     * @throws IllegalArgumentException if there is no area, {@code units} exceeds an area's count, or an argument
     *                                  is null
     */
    public List<SubsampledEstimate> estimate(List<Points> areas, IdEstimator estimator, RandomGenerator random) {
        if (areas == null || areas.isEmpty() || estimator == null || random == null) {
            throw new IllegalArgumentException("areas (at least one), estimator and random must not be null");
        }
        int smallest = areas.stream().mapToInt(Points::d).min().orElseThrow();
        int kept = units == SMALLEST_AREA ? smallest : units;
        if (kept > smallest) {
            throw new IllegalArgumentException("units " + kept + " exceeds the smallest area's " + smallest);
        }
        EqualUnitSubsampling fixed = withUnits(kept);
        List<SubsampledEstimate> results = new ArrayList<>(areas.size());
        for (Points area : areas) {
            results.add(fixed.estimate(area, estimator, random));
        }
        return List.copyOf(results);
    }

    /**
     * The estimate of one area on {@code units} of its columns, when the count the areas share is known beforehand
     * (a service that sees one area at a time); {@code sampleSize} = the units kept.
     *
     * @param area stimuli x units
     * @throws IllegalArgumentException if {@code units} is 0 (the smallest area's count, known only over every area),
     *                                  exceeds the area's units, or an argument is null
     */
    public SubsampledEstimate estimate(Points area, IdEstimator estimator, RandomGenerator random) {
        if (area == null || estimator == null || random == null) {
            throw new IllegalArgumentException("area, estimator and random must not be null");
        }
        if (units == SMALLEST_AREA) {
            throw new IllegalArgumentException("units must be given to estimate one area alone");
        }
        if (units > area.d()) {
            throw new IllegalArgumentException("units " + units + " exceeds the area's " + area.d());
        }
        List<IdEstimate> estimates = new ArrayList<>(repetitions);
        for (int r = 0; r < repetitions; r++) {
            Points subset = Subsets.columns(area, Subsets.choose(area.d(), units, random));
            estimates.add(estimator.estimate(NearestNeighbours.exact(subset, neighbours)));
        }
        return SubsampledEstimate.of(estimator.name(), units, estimates);
    }
}
