package org.prunedistill.id;

/**
 * An intrinsic-dimension estimator working on precomputed {@link Neighbourhoods}.
 *
 * <p>Implementations are immutable configured objects: no state carries over between calls, so one instance may be
 * shared between threads. Bad input (too few neighbours, zero nearest-neighbour distances) throws
 * {@link IllegalArgumentException} naming the parameter.
 */
public interface IdEstimator {

    /**
     * Estimates the intrinsic dimension of the points whose neighbourhoods are given.
     *
     * @param neighbourhoods nearest neighbours of the distinct points, computed once per source
     * @return the estimate; {@code pointsUsed + pointsDropped == neighbourhoods.n()}
     */
    IdEstimate estimate(Neighbourhoods neighbourhoods);

    /** Short stable name, reported as {@link IdEstimate#estimator()}. */
    String name();
}
