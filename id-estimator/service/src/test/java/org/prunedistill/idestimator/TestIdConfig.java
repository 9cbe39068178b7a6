package org.prunedistill.idestimator;

import java.util.Optional;
import org.prunedistill.idestimator.config.IdEstimatorConfig;

/** The configuration's defaults as a plain value, with the settings a test turns. */
record TestIdConfig(double fraction, double alpha, int grideRange, double pcaThreshold, int subsamples,
        double subsampleFraction, boolean decimation, long seed, NeighbourSearch neighbourSearch,
        long neighbourMemoryMb, double meansHeapFraction, Optional<Integer> maxUnits) implements IdEstimatorConfig {

    static TestIdConfig defaults() {
        return new TestIdConfig(0.9, 0.05, 64, 0.9, 50, 0.9, true, 0L, NeighbourSearch.AUTO, 2048, 0.125,
                Optional.empty());
    }

    TestIdConfig withMaxUnits(int units) {
        return new TestIdConfig(fraction, alpha, grideRange, pcaThreshold, subsamples, subsampleFraction, decimation,
                seed, neighbourSearch, neighbourMemoryMb, meansHeapFraction, Optional.of(units));
    }

    /** Means held whole up to this share of the heap (0: always read in blocks) with this neighbour search. */
    TestIdConfig withMeans(double heapFraction, NeighbourSearch search) {
        return new TestIdConfig(fraction, alpha, grideRange, pcaThreshold, subsamples, subsampleFraction, decimation,
                seed, search, neighbourMemoryMb, heapFraction, maxUnits);
    }
}
