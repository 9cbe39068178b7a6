package org.prunedistill.idestimator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.prunedistill.claimcheck.SourceAnalysis;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.id.IdEstimate;
import org.prunedistill.id.NearestNeighbours;
import org.prunedistill.id.Neighbourhoods;
import org.prunedistill.id.Points;
import org.prunedistill.id.TwoNnEstimator;
import org.prunedistill.id.TwoNnMaximumLikelihood;
import org.prunedistill.id.TwoNnMleEstimate;
import org.prunedistill.idestimator.config.IdEstimatorConfig;
import org.prunedistill.idestimator.mapping.ResultMapping;

/**
 * Intrinsic dimension of one source: one point per stimulus condition (the mean response over trials), one feature
 * per unit; nearest-neighbour distances are computed once and shared by the TwoNN linear fit and its maximum
 * likelihood form.
 */
@ApplicationScoped
public class IntrinsicDimensionAnalysis implements SourceAnalysis {

    /** TwoNN needs the first and second neighbour. */
    private static final int NEIGHBOURS = 2;

    @Inject
    IdEstimatorConfig config;

    @Override
    public String name() {
        return ResultMapping.ANALYSIS;
    }

    @Override
    public List<AnalysisResult> analyse(SourceManifest manifest, SourceTensor tensor) {
        Points points = new Points(tensor.conditionMeans(), tensor.conditions(), tensor.units());
        Neighbourhoods neighbourhoods = NearestNeighbours.exact(points, NEIGHBOURS);
        IdEstimate linear = TwoNnEstimator.withDefaults().withFraction(config.fraction()).estimate(neighbourhoods);
        TwoNnMleEstimate likelihood = TwoNnMaximumLikelihood.withDefaults().withAlpha(config.alpha())
                .estimateWithInterval(neighbourhoods);
        return List.of(
                ResultMapping.toResult(manifest, linear, neighbourhoods, null),
                ResultMapping.toResult(manifest, likelihood.estimate(), neighbourhoods, likelihood));
    }
}
