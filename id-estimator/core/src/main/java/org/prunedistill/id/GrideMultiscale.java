package org.prunedistill.id;

import java.util.ArrayList;
import java.util.List;

/**
 * GRIDE across scales (Denti et al. 2022, Sci Rep 12:20005; SCIENCE.md 3.5), as DADApy's
 * {@code return_id_scaling_gride}: orders n1 = 2^j, n2 = 2^(j+1) for j = 0, 1, ... while n2 &lt;= the range, each
 * estimated by {@link GrideEstimator} (overlap filter, Fisher error, scale = mean of (r_n1 + r_n2) / 2). The scale
 * grows with j, so the list is ID as a function of the neighbourhood size.
 *
 * <p>The range is {@code min(rangeMax, k)} with k the neighbours computed per point; compute them with
 * {@link #neighboursFor(int)} to get the full range. Like DADApy the range is capped by the data only through
 * k &lt;= N - 1 (DADApy: min(N, range_max)): on its 100-point test set the range 64 gives six scales.
 *
 * <p>Immutable; {@link #estimate} needs k &gt;= 2.
 */
public final class GrideMultiscale {

    /** Largest neighbour order by default (DADApy's range_max). */
    public static final int DEFAULT_RANGE_MAX = 64;

    private final int rangeMax;

    private GrideMultiscale(int rangeMax) {
        if (rangeMax < 2) {
            throw new IllegalArgumentException("rangeMax must be at least 2, got " + rangeMax);
        }
        this.rangeMax = rangeMax;
    }

    /** The multiscale estimator with range 64. */
    public static GrideMultiscale withDefaults() {
        return new GrideMultiscale(DEFAULT_RANGE_MAX);
    }

    /** A copy whose largest order n2 is at most {@code rangeMax >= 2}. */
    public GrideMultiscale withRangeMax(int rangeMax) {
        return new GrideMultiscale(rangeMax);
    }

    public int rangeMax() {
        return rangeMax;
    }

    /** Neighbours per point to compute for the full range on {@code distinctPoints} points: min(rangeMax, N - 1). */
    public int neighboursFor(int distinctPoints) {
        if (distinctPoints < Points.MIN_POINTS) {
            throw new IllegalArgumentException("distinctPoints: need at least " + Points.MIN_POINTS + ", got "
                    + distinctPoints);
        }
        return Math.min(rangeMax, distinctPoints - 1);
    }

    /** The order n1 = 2^scale of the {@code scale}-th estimate of {@link #estimate} (0-based); n2 = 2 n1. */
    public static int smallerOrder(int scale) {
        if (scale < 0 || scale > 29) {
            throw new IllegalArgumentException("scale must be in [0, 29], got " + scale);
        }
        return 1 << scale;
    }

    /**
     * One GRIDE estimate per scale, n1 ascending (the {@code j}-th has n1 = {@link #smallerOrder}(j)); each carries
     * parameters {@code n1} and {@code n2}.
     *
     * @throws IllegalArgumentException naming {@code neighbourhoods} if k &lt; 2 or some r_n1 is 0
     */
    public List<IdEstimate> estimate(Neighbourhoods neighbourhoods) {
        if (neighbourhoods == null) {
            throw new IllegalArgumentException("neighbourhoods must not be null");
        }
        int range = Math.min(rangeMax, neighbourhoods.k());
        if (range < 2) {
            throw new IllegalArgumentException("neighbourhoods: multiscale GRIDE needs k >= 2 neighbours per point, "
                    + "got k = " + neighbourhoods.k());
        }
        List<IdEstimate> estimates = new ArrayList<>();
        GrideEstimator gride = GrideEstimator.withDefaults();
        for (int n1 = 1; 2 * n1 <= range; n1 *= 2) {
            estimates.add(gride.withOrders(n1, 2 * n1).estimate(neighbourhoods));
        }
        return List.copyOf(estimates);
    }
}
