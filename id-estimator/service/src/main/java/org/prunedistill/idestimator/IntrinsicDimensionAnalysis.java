package org.prunedistill.idestimator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.prunedistill.claimcheck.SourceAnalysis;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.id.GrideMultiscale;
import org.prunedistill.id.IdAnalysis;
import org.prunedistill.id.IdAnalysisResult;
import org.prunedistill.id.IdEstimate;
import org.prunedistill.id.LinearDimension;
import org.prunedistill.id.Points;
import org.prunedistill.id.TwoNnEstimator;
import org.prunedistill.id.TwoNnMaximumLikelihood;
import org.prunedistill.idestimator.config.IdEstimatorConfig;
import org.prunedistill.idestimator.mapping.ResultMapping;

/**
 * Intrinsic dimension of one source: one point per stimulus condition (the mean response over trials), one feature
 * per unit. The same {@link IdAnalysis} as {@code ./pd id}: neighbour distances are computed once and shared by the
 * TwoNN linear fit, its maximum likelihood form and multiscale GRIDE; PC-ID and the participation ratio give the
 * linear dimension for contrast.
 */
@ApplicationScoped
public class IntrinsicDimensionAnalysis implements SourceAnalysis {

    @Inject
    IdEstimatorConfig config;

    @Override
    public String name() {
        return ResultMapping.ANALYSIS;
    }

    @Override
    public List<AnalysisResult> analyse(SourceManifest manifest, SourceTensor tensor) {
        IdAnalysisResult analysis = IdAnalysis.withDefaults()
                .withTwoNn(TwoNnEstimator.withDefaults().withFraction(config.fraction()))
                .withTwoNnMle(TwoNnMaximumLikelihood.withDefaults().withAlpha(config.alpha()))
                .withGride(GrideMultiscale.withDefaults().withRangeMax(config.grideRange()))
                .withLinear(LinearDimension.withDefaults().withVarianceThreshold(config.pcaThreshold()))
                .analyse(new Points(tensor.conditionMeans(), tensor.conditions(), tensor.units()));
        ResultMapping mapping = new ResultMapping(manifest, analysis.duplicatesRemoved());
        List<AnalysisResult> results = new ArrayList<>();
        results.add(mapping.twoNn(analysis.twoNn()));
        results.add(mapping.twoNnMle(analysis.twoNnMle()));
        for (IdEstimate scale : analysis.gride()) {
            results.add(mapping.gride(scale));
        }
        results.addAll(mapping.linear(analysis.linear()));
        return results;
    }
}
