package org.prunedistill.idestimator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.prunedistill.analysis.messaging.EstimatorTimer;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.id.DecimationScaling;
import org.prunedistill.id.GrideMultiscale;
import org.prunedistill.id.IdAnalysis;
import org.prunedistill.id.IdAnalysisResult;
import org.prunedistill.id.LinearDimension;
import org.prunedistill.id.NeighbourSearchMethod;
import org.prunedistill.id.Points;
import org.prunedistill.id.Subsampling;
import org.prunedistill.id.TwoNnEstimator;
import org.prunedistill.id.TwoNnMaximumLikelihood;
import org.prunedistill.id.nd4j.Nd4jNearestNeighbours;
import org.prunedistill.idestimator.config.IdEstimatorConfig;
import org.prunedistill.idestimator.domain.IdSettings;
import org.prunedistill.idestimator.domain.IdSourceResult;

/**
 * Intrinsic dimension of one source: one point per stimulus condition (the mean response over trials), one feature
 * per unit. The same {@link IdAnalysis} as {@code ./pd id}: neighbour distances are computed once and shared by the
 * TwoNN linear fit (with its error bar over subsamples and its decimation scaling, read off the same lists), its
 * maximum likelihood form and multiscale GRIDE; PC-ID and the participation ratio give the linear dimension for
 * contrast. Large sources are searched with ND4J's BLAS, small ones in plain Java: the lists are identical. Records
 * in, records out: {@code messaging.IdSourceAnalysis} maps them to result events.
 *
 * <p>Memory: the condition means are computed a block of units at a time from the (spilled) source, so the heap holds
 * the {@code conditions x units} float32 means (152 MB for 380 conditions x 100,000 units) and what the estimators
 * derive from them, never the trials. {@code pd.id.max-units} analyses a seeded subset of units instead (recorded).
 */
@ApplicationScoped
public class IntrinsicDimensionAnalysis {

    /** The analysis name results, failures and metrics carry. */
    public static final String NAME = "intrinsic-dimension";

    @Inject
    IdEstimatorConfig config;

    @Inject
    EstimatorTimer timer;

    /**
     * Analyses one source.
     *
     * @param source the verified activations (valid only during the call)
     * @throws IllegalArgumentException when the points cannot be analysed (too few, for example)
     */
    public IdSourceResult analyse(SourceActivations source) {
        UnitSample sample = config.maxUnits().isPresent()
                ? UnitSample.atMost(source.units(), config.maxUnits().get(), config.seed())
                : UnitSample.all(source.units());
        SourceActivations analysed = sample.of(source);
        Points points = new Points(analysed.conditionMeans(), analysed.conditions(), analysed.units());
        IdAnalysisResult analysis = IdAnalysis.withDefaults()
                .withTwoNn(TwoNnEstimator.withDefaults().withFraction(config.fraction()))
                .withTwoNnMle(TwoNnMaximumLikelihood.withDefaults().withAlpha(config.alpha()))
                .withGride(GrideMultiscale.withDefaults().withRangeMax(config.grideRange()))
                .withLinear(LinearDimension.withDefaults().withVarianceThreshold(config.pcaThreshold()))
                .withSubsampling(config.subsamples() == 0 ? null : Subsampling.withDefaults()
                        .withRepetitions(config.subsamples()).withFraction(config.subsampleFraction()))
                .withDecimation(config.decimation() ? DecimationScaling.withDefaults() : null)
                .withSeed(config.seed())
                .withNeighbourSearch(neighbourSearch())
                .analyse(points);
        analysis.nanosByStep().forEach((step, nanos) -> timer.record(NAME, step, nanos));
        return new IdSourceResult(sample, analysis, settings());
    }

    private IdSettings settings() {
        return new IdSettings(config.fraction(), config.alpha(), config.grideRange(), config.pcaThreshold(),
                config.subsamples(), config.subsampleFraction(), config.decimation(), config.seed(),
                config.maxUnits().orElse(0));
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
