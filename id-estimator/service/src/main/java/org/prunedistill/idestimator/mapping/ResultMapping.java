package org.prunedistill.idestimator.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.prunedistill.claimcheck.Sha256;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.DecimationCurve;
import org.prunedistill.events.v1.DecimationParameters;
import org.prunedistill.events.v1.EstimatorParameters;
import org.prunedistill.events.v1.GrideCurve;
import org.prunedistill.events.v1.GrideParameters;
import org.prunedistill.events.v1.GrideScale;
import org.prunedistill.events.v1.ParticipationRatio;
import org.prunedistill.events.v1.ParticipationRatioParameters;
import org.prunedistill.events.v1.PcId;
import org.prunedistill.events.v1.PcIdParameters;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.TwoNnFit;
import org.prunedistill.events.v1.TwoNnMaximumLikelihood;
import org.prunedistill.events.v1.TwoNnMleParameters;
import org.prunedistill.events.v1.TwoNnParameters;
import org.prunedistill.events.v1.UnitCounts;
import org.prunedistill.events.v1.UnitSampleKind;
import org.prunedistill.events.v1.UnitSampling;
import org.prunedistill.id.DecimationStep;
import org.prunedistill.id.GrideMultiscale;
import org.prunedistill.id.IdAnalysisResult;
import org.prunedistill.id.IdEstimate;
import org.prunedistill.id.LinearDimensionEstimate;
import org.prunedistill.id.SubsampledEstimate;
import org.prunedistill.id.TwoNnMleEstimate;
import org.prunedistill.idestimator.IntrinsicDimensionAnalysis;
import org.prunedistill.idestimator.domain.IdSettings;
import org.prunedistill.idestimator.domain.IdSourceResult;
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.messaging.UnitSampleMapping;

/**
 * Maps one source's intrinsic-dimension records to result events, one per estimator, each with its typed summary and
 * typed parameters: {@code twonn} (fit, subsample SD and mean; for an area compared at equal units, the mean and SD
 * over the unit subsets), {@code twonn-decimation} (one curve over subset
 * sizes), {@code twonn-mle} (with its interval), {@code gride} (one curve over scales), {@code pc-id} and
 * {@code participation-ratio}.
 */
public final class ResultMapping {

    public static final String TWO_NN = "twonn";
    public static final String DECIMATION = "twonn-decimation";
    public static final String TWO_NN_MLE = "twonn-mle";
    public static final String GRIDE = "gride";
    public static final String PC_ID = "pc-id";
    public static final String PARTICIPATION_RATIO = "participation-ratio";
    /** What a point is, in words (every result). */
    static final Map<String, String> NOTES = Map.of("points",
            "one point per stimulus condition: the mean response over its valid trials; one feature per unit");
    private static final String CODE_VERSION = ResultMapping.class.getPackage().getImplementationVersion() == null
            ? "dev" : ResultMapping.class.getPackage().getImplementationVersion();

    private ResultMapping() {
    }

    /** The results of one source, in the order above (decimation and GRIDE only when they have a point). */
    public static List<AnalysisResult> toResults(SourceManifest manifest, IdSourceResult source) {
        IdAnalysisResult analysis = source.analysis();
        IdSettings settings = source.settings();
        int duplicates = analysis.duplicatesRemoved();
        AnalysisResult.Builder common = common(manifest, source);
        List<AnalysisResult> results = new ArrayList<>();
        results.add(source.unitSubsets() != null ? twoNnAtEqualUnits(common, source)
                : result(common, TWO_NN, parameters(source).setTwoNn(twoNnParameters(settings,
                analysis.twoNnSubsampled()))).setTwoNn(twoNn(analysis.twoNn(), analysis.twoNnSubsampled(),
                duplicates)).build());
        if (!analysis.decimation().isEmpty()) {
            results.add(result(common, DECIMATION, parameters(source).setDecimation(DecimationParameters
                    .newBuilder().setFraction(settings.fraction()).setSeed(settings.seed())))
                    .setDecimation(decimation(analysis.decimation(), duplicates)).build());
        }
        results.add(result(common, TWO_NN_MLE, parameters(source).setTwoNnMle(TwoNnMleParameters
                .newBuilder().setAlpha(settings.alpha()))).setTwoNnMle(twoNnMle(analysis.twoNnMle(), duplicates))
                .build());
        if (!analysis.gride().isEmpty()) {
            results.add(result(common, GRIDE, parameters(source).setGride(GrideParameters.newBuilder()
                    .setRangeMax(settings.grideRange()))).setGride(gride(analysis.gride(), duplicates)).build());
        }
        LinearDimensionEstimate linear = analysis.linear();
        results.add(result(common, PC_ID, parameters(source).setPcId(PcIdParameters.newBuilder()
                .setVarianceThreshold(linear.varianceThreshold()).setStandardised(true)))
                .setPcId(PcId.newBuilder().setComponents(linear.pcaComponents())
                        .setVarianceThreshold(linear.varianceThreshold()).setFeatures(linear.features())
                        .setConstantFeatures(linear.constantFeatures()).setDuplicatesRemoved(duplicates))
                .build());
        results.add(result(common, PARTICIPATION_RATIO, parameters(source)
                .setParticipationRatio(ParticipationRatioParameters.getDefaultInstance()))
                .setParticipationRatio(ParticipationRatio.newBuilder().setValue(linear.participationRatio())
                        .setFeatures(linear.features()).setDuplicatesRemoved(duplicates))
                .build());
        return results;
    }

    /**
     * The TwoNN result of an area compared at the run's common number of units (SCIENCE.md 3.4): its id is the mean
     * of the fit over the unit subsets, its error their SD, its unit sampling names the subsets (no subsamples of
     * points); points used and duplicates are those of the fit on the seeded subset the other estimators saw.
     */
    private static AnalysisResult twoNnAtEqualUnits(AnalysisResult.Builder common, IdSourceResult source) {
        SubsampledEstimate subsets = source.unitSubsets();
        IdEstimate fit = source.analysis().twoNn();
        EstimatorParameters.Builder parameters = EstimatorParameters.newBuilder()
                .setUnitSampling(UnitSampling.newBuilder().setSample(UnitSampleKind.UNIT_SAMPLE_KIND_EQUAL_UNIT_SUBSETS)
                        .setMaxUnits(subsets.sampleSize()).setUnitSubsets(subsets.repetitions().size())
                        .setSeed(source.settings().seed()))
                .setTwoNn(TwoNnParameters.newBuilder().setFraction(source.settings().fraction()));
        return result(common, TWO_NN, parameters)
                .setUnits(UnitCounts.newBuilder().setInSource(source.sample().unitsInSource())
                        .setAnalysed(subsets.sampleSize()))
                .setTwoNn(TwoNnFit.newBuilder().setId(subsets.id()).setHasSubsamples(true)
                        .setSubsampleSd(subsets.error()).setSubsampleMean(subsets.id()).setScale(subsets.scale())
                        .setPointsUsed(fit.pointsUsed()).setPointsDropped(fit.pointsDropped())
                        .setDuplicatesRemoved(source.analysis().duplicatesRemoved()))
                .build();
    }

    private static TwoNnParameters twoNnParameters(IdSettings settings, SubsampledEstimate subsampled) {
        TwoNnParameters.Builder parameters = TwoNnParameters.newBuilder().setFraction(settings.fraction());
        if (subsampled != null) {
            parameters.setSubsamples(subsampled.repetitions().size()).setSubsampleFraction(settings.subsampleFraction())
                    .setSubsampleSize(subsampled.sampleSize()).setSeed(settings.seed());
        }
        return parameters.build();
    }

    private static TwoNnFit twoNn(IdEstimate fit, SubsampledEstimate subsampled, int duplicates) {
        TwoNnFit.Builder summary = TwoNnFit.newBuilder().setId(fit.id()).setScale(fit.scale())
                .setPointsUsed(fit.pointsUsed()).setPointsDropped(fit.pointsDropped())
                .setDuplicatesRemoved(duplicates);
        if (subsampled != null) {
            summary.setHasSubsamples(true).setSubsampleSd(subsampled.error()).setSubsampleMean(subsampled.id());
        }
        return summary.build();
    }

    private static TwoNnMaximumLikelihood twoNnMle(TwoNnMleEstimate interval, int duplicates) {
        IdEstimate estimate = interval.estimate();
        return TwoNnMaximumLikelihood.newBuilder().setId(estimate.id()).setError(estimate.error())
                .setCiLow(interval.ciLow()).setCiHigh(interval.ciHigh()).setScale(estimate.scale())
                .setPointsUsed(estimate.pointsUsed()).setPointsDropped(estimate.pointsDropped())
                .setDuplicatesRemoved(duplicates).build();
    }

    private static DecimationCurve decimation(List<DecimationStep> steps, int duplicates) {
        DecimationCurve.Builder curve = DecimationCurve.newBuilder().setDuplicatesRemoved(duplicates);
        for (DecimationStep step : steps) {
            curve.addSteps(org.prunedistill.events.v1.DecimationStep.newBuilder().setSize(step.size())
                    .setSubsets(step.subsets()).setId(step.id()).setError(step.error()).setScale(step.scale()));
        }
        return curve.build();
    }

    private static GrideCurve gride(List<IdEstimate> scales, int duplicates) {
        GrideCurve.Builder curve = GrideCurve.newBuilder().setDuplicatesRemoved(duplicates);
        for (int j = 0; j < scales.size(); j++) {
            IdEstimate estimate = scales.get(j);
            int n1 = GrideMultiscale.smallerOrder(j);
            curve.addScales(GrideScale.newBuilder().setN1(n1).setN2(2 * n1).setId(estimate.id())
                    .setError(estimate.error()).setScale(estimate.scale()).setPointsUsed(estimate.pointsUsed())
                    .setPointsDropped(estimate.pointsDropped()));
        }
        return curve.build();
    }

    private static EstimatorParameters.Builder parameters(IdSourceResult source) {
        return EstimatorParameters.newBuilder()
                .setUnitSampling(UnitSampleMapping.sampling(source.sample(), source.settings().maxUnits()));
    }

    /** What every result of the source shares: source, analysis, unit counts, notes, input and provenance. */
    private static AnalysisResult.Builder common(SourceManifest manifest, IdSourceResult source) {
        return AnalysisResult.newBuilder()
                .setSource(manifest.getSource())
                .setAnalysis(IntrinsicDimensionAnalysis.NAME)
                .setUnits(UnitSampleMapping.counts(source.sample()))
                .putAllNotes(NOTES)
                .setInputSha256(Sha256.hex(manifest.toByteArray()))
                .setProvenance(Provenance.newBuilder()
                        .setProducer("id-estimator")
                        .setCodeVersion(CODE_VERSION)
                        .setCreatedAtMs(System.currentTimeMillis()));
    }

    private static AnalysisResult.Builder result(AnalysisResult.Builder common, String estimator,
                                                 EstimatorParameters.Builder parameters) {
        EstimatorParameters built = parameters.build();
        return common.clone()
                .setResultKey(SourceKeys.resultKey(common.getSource(), IntrinsicDimensionAnalysis.NAME, estimator,
                        built))
                .setEstimator(estimator)
                .setParameters(built);
    }
}
