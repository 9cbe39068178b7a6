package org.prunedistill.idestimator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Configuration of the id-estimator: its own analysis settings (store, Kafka and retry settings are shared). */
@ConfigMapping(prefix = "pd.id")
public interface IdEstimatorConfig {

    /** Fraction of the sorted TwoNN ratios kept by the linear fit (SCIENCE.md 3.2). */
    @WithDefault("0.9")
    double fraction();

    /** Significance level of the TwoNN maximum-likelihood confidence interval. */
    @WithDefault("0.05")
    double alpha();

    /** Largest GRIDE order n2 of the multiscale analysis (SCIENCE.md 3.5). */
    @WithDefault("64")
    int grideRange();

    /** Cumulative explained variance that PC-ID counts components up to (SCIENCE.md 3.6). */
    @WithDefault("0.9")
    double pcaThreshold();

    /** Random subsamples of the TwoNN error bar (SCIENCE.md 3.4); 0 switches the error bar off. */
    @WithDefault("50")
    int subsamples();

    /** Fraction of the distinct points in each subsample of the error bar. */
    @WithDefault("0.9")
    double subsampleFraction();

    /** Whether TwoNN versus scale by decimation (SCIENCE.md 3.5) is published. */
    @WithDefault("true")
    boolean decimation();

    /** Seed of the subsamples and decimation subsets; recorded with every result. */
    @WithDefault("0")
    long seed();

    /** Neighbour search: auto (ND4J for large sources, plain Java for small), java or nd4j; all give equal lists. */
    @WithDefault("auto")
    NeighbourSearch neighbourSearch();

    /** Working memory of the ND4J neighbour search, MiB (off-heap, SCIENCE.md scale of issue 4: about 2 GB). */
    @WithDefault("2048")
    long neighbourMemoryMb();

    /**
     * Largest share of the max heap the {@code conditions x units} condition means may take to be held whole (then
     * searched by ND4J when large); larger sources are analysed a block of units at a time from the spilled source
     * (exact pairwise distances in plain Java, the same results). 0 reads every source in blocks.
     */
    @WithDefault("0.125")
    double meansHeapFraction();

    /**
     * At most this many units (a seeded random subset, in unit order, drawn with {@code seed}) are the features of
     * the points; absent: every unit. Results record their unit sampling (every unit or a seeded subset, the cap, the
     * seed) and their unit counts.
     */
    Optional<Integer> maxUnits();

    /** Neighbour search methods. */
    enum NeighbourSearch { AUTO, JAVA, ND4J }
}
