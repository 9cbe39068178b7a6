package org.prunedistill.id;

/**
 * How the neighbour lists of a source are computed: {@link NearestNeighbours#upTo} in plain Java by default, or a
 * faster search with the same results (id-estimator-nd4j's blockwise matrix products). Implementations must apply
 * {@link DistinctRows} and return neighbours in the same order (ascending distance, ties by index), so that every
 * estimator's value does not depend on the method chosen.
 */
@FunctionalInterface
public interface NeighbourSearchMethod {

    /** The plain-Java exact search. */
    NeighbourSearchMethod JAVA = NearestNeighbours::upTo;

    /**
     * The {@code min(maxK, distinct points - 1)} nearest other points of every distinct point.
     *
     * @throws IllegalArgumentException if fewer than 3 distinct points remain or {@code maxK < 1}
     */
    Neighbourhoods upTo(Points points, int maxK);
}
