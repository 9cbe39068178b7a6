package org.prunedistill.idestimator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.prunedistill.analysis.messaging.EstimatorTimer;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.UnitSample;
import java.util.SplittableRandom;
import org.prunedistill.id.ColumnBlocks;
import org.prunedistill.id.DecimationScaling;
import org.prunedistill.id.EqualUnitSubsampling;
import org.prunedistill.id.GrideMultiscale;
import org.prunedistill.id.IdAnalysis;
import org.prunedistill.id.IdAnalysisResult;
import org.prunedistill.id.LinearDimension;
import org.prunedistill.id.NeighbourSearchMethod;
import org.prunedistill.id.Points;
import org.prunedistill.id.SubsampledEstimate;
import org.prunedistill.id.Subsampling;
import org.prunedistill.id.TwoNnEstimator;
import org.prunedistill.id.TwoNnMaximumLikelihood;
import org.prunedistill.id.nd4j.Nd4jNearestNeighbours;
import org.prunedistill.idestimator.config.IdEstimatorConfig;
import org.prunedistill.idestimator.domain.IdSettings;
import org.prunedistill.idestimator.domain.IdSourceResult;
import org.prunedistill.messaging.StepProgress;

/**
 * Intrinsic dimension of one source: one point per stimulus condition (the mean response over trials), one feature
 * per unit. The same {@link IdAnalysis} as {@code ./pd id}: neighbour distances are computed once and shared by the
 * TwoNN linear fit (with its error bar over subsamples and its decimation scaling, read off the same lists), its
 * maximum likelihood form and multiscale GRIDE; PC-ID and the participation ratio give the linear dimension for
 * contrast. Large sources are searched with ND4J's BLAS, small ones in plain Java: the lists are identical. Records
 * in, records out: {@code messaging.IdSourceAnalysis} maps them to result events.
 *
 * <p>Memory: the condition means are computed a block of units at a time from the (spilled) source, never the trials
 * whole. Means up to {@code pd.id.means-heap-fraction} of the max heap are held whole (152 MB for 380 conditions x
 * 100,000 units) and searched by ND4J for large sources; larger ones (1.6 GB for 500 conditions x 802,816 units) are
 * never held: {@link IdAnalysis#analyse(ColumnBlocks)} sums the exact pairwise distances and the Gram matrices one
 * block of units at a time, with the same results. {@code pd.id.max-units} analyses a seeded subset of units instead
 * (recorded).
 * Recorded areas of one run are compared at the number of units the extractor fixed for all of them.
 */
@ApplicationScoped
public class IntrinsicDimensionAnalysis {

    private static final Logger LOG = Logger.getLogger(IntrinsicDimensionAnalysis.class);

    /** The analysis name results, failures and metrics carry. */
    public static final String NAME = "intrinsic-dimension";

    @Inject
    IdEstimatorConfig config;

    @Inject
    EstimatorTimer timer;

    /** Says once whether the exact neighbour distances run in vector lanes (same results; scalar ones are slower). */
    void reportExactPass(@Observes StartupEvent event) {
        LOG.infof("exact neighbour distances: %s", Nd4jNearestNeighbours.exactPassArithmetic());
    }

    /**
     * Analyses one source with every unit (or {@code pd.id.max-units} of them).
     *
     * @param source the verified activations (valid only during the call)
     * @throws IllegalArgumentException when the points cannot be analysed (too few, for example)
     */
    public IdSourceResult analyse(SourceActivations source) {
        return analyse(source, 0);
    }

    /**
     * Analyses one source; a recorded area compared with the run's other areas at {@code commonUnits} units
     * (SCIENCE.md 3.4) gets its TwoNN fit as the mean and SD over {@code pd.id.subsamples} seeded subsets of that many
     * units (each fit on all points, in place of the subsamples of points), and every other estimate on one seeded
     * subset of that many units. {@code pd.id.max-units} does not apply to it.
     *
     * @param source      the verified activations (valid only during the call)
     * @param commonUnits units every area of the run is compared at; 0 = none (every unit, or max-units)
     * @throws IllegalArgumentException when the points cannot be analysed (too few, for example), or the source has
     *                                  fewer than {@code commonUnits} units
     */
    public IdSourceResult analyse(SourceActivations source, int commonUnits) {
        return analyse(source, commonUnits, StepProgress.NONE);
    }

    /** As {@link #analyse(SourceActivations, int)}, telling {@code progress} each step as it starts. */
    public IdSourceResult analyse(SourceActivations source, int commonUnits, StepProgress progress) {
        if (commonUnits > source.units()) {
            throw new IllegalArgumentException("the run compares its areas at " + commonUnits + " units, this source "
                    + "has " + source.units());
        }
        boolean equalUnits = commonUnits > 0;
        UnitSample sample = equalUnits ? UnitSample.atMost(source.units(), commonUnits, config.seed())
                : config.maxUnits().isPresent()
                ? UnitSample.atMost(source.units(), config.maxUnits().get(), config.seed())
                : UnitSample.all(source.units());
        SourceActivations analysed = sample.of(source);
        TwoNnEstimator twoNn = TwoNnEstimator.withDefaults().withFraction(config.fraction());
        IdAnalysis configured = IdAnalysis.withDefaults()
                .withTwoNn(twoNn)
                .withTwoNnMle(TwoNnMaximumLikelihood.withDefaults().withAlpha(config.alpha()))
                .withGride(GrideMultiscale.withDefaults().withRangeMax(config.grideRange()))
                .withLinear(LinearDimension.withDefaults().withVarianceThreshold(config.pcaThreshold()))
                .withSubsampling(config.subsamples() == 0 || equalUnits ? null : Subsampling.withDefaults()
                        .withRepetitions(config.subsamples()).withFraction(config.subsampleFraction()))
                .withDecimation(config.decimation() ? DecimationScaling.withDefaults() : null)
                .withSeed(config.seed())
                .withNeighbourSearch(neighbourSearch());
        IdAnalysisResult analysis;
        if (meansFitHeap(analysed)) {
            progress.step("condition means", 0, 0);
            Points means = new Points(analysed.conditionMeans(), analysed.conditions(), analysed.units());
            progress.step("neighbours and estimates", 0, 0);
            analysis = configured.analyse(means);
        } else {
            analysis = configured.analyse(new ConditionMeanBlocks(analysed, progress));
        }
        analysis.nanosByStep().forEach((step, nanos) -> timer.record(NAME, step, nanos));
        if (equalUnits && config.subsamples() > 0) {
            progress.step("TwoNN over unit subsets", 0, 0);
        }
        SubsampledEstimate unitSubsets = equalUnits && config.subsamples() > 0
                ? unitSubsets(source, commonUnits, twoNn) : null;
        return new IdSourceResult(sample, analysis, settings(equalUnits ? commonUnits : config.maxUnits().orElse(0)),
                unitSubsets);
    }

    /** The TwoNN fit over seeded subsets of {@code units} of the source's units, every point each time. */
    private SubsampledEstimate unitSubsets(SourceActivations source, int units, TwoNnEstimator twoNn) {
        long start = System.nanoTime();
        Points all = new Points(source.conditionMeans(), source.conditions(), source.units());
        SubsampledEstimate estimate = EqualUnitSubsampling.withDefaults().withUnits(units)
                .withRepetitions(config.subsamples()).estimate(all, twoNn, new SplittableRandom(config.seed()));
        timer.record(NAME, "unit-subsets", System.nanoTime() - start);
        return estimate;
    }

    /**
     * Whether the condition means take at most {@code pd.id.means-heap-fraction} of the max heap; larger ones are
     * read a block of units at a time instead (the same results, without the ND4J search).
     */
    private boolean meansFitHeap(SourceActivations source) {
        long bytes = (long) Float.BYTES * source.conditions() * source.units();
        boolean fits = bytes <= config.meansHeapFraction() * Runtime.getRuntime().maxMemory();
        if (!fits) {
            LOG.infof("condition means of %d conditions x %d units (%d MiB) exceed %.3f of the %d MiB heap: reading them"
                    + " a block of units at a time", source.conditions(), source.units(), bytes >> 20,
                    config.meansHeapFraction(), Runtime.getRuntime().maxMemory() >> 20);
        }
        return fits;
    }

    private IdSettings settings(int maxUnits) {
        return new IdSettings(config.fraction(), config.alpha(), config.grideRange(), config.pcaThreshold(),
                config.subsamples(), config.subsampleFraction(), config.decimation(), config.seed(), maxUnits);
    }

    private NeighbourSearchMethod neighbourSearch() {
        long budget = config.neighbourMemoryMb() << 20;
        return switch (config.neighbourSearch()) {
            case AUTO -> Nd4jNearestNeighbours.auto(budget);
            case JAVA -> NeighbourSearchMethod.JAVA;
            case ND4J -> Nd4jNearestNeighbours.method(budget);
        };
    }
}
