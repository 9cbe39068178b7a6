package org.prunedistill.results.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.DecimationStep;
import org.prunedistill.events.v1.GrideScale;
import org.prunedistill.events.v1.TwoNnFit;
import org.prunedistill.events.v1.TwoNnMaximumLikelihood;

/**
 * The intrinsic-dimension results as the API's ID points, from their typed summaries (TwoNN: the subsample mean +-
 * SD with the fit on all points beside it): one point per result, one per
 * scale of a GRIDE curve (with n1 and n2) and one per subset size of a decimation curve (with its subsets).
 */
final class IdPointMapping {

    private IdPointMapping() {
    }

    /** The points of one result; none for a result that is not an intrinsic dimension. */
    static List<IdPoint> points(AnalysisResult result) {
        Map<String, String> parameters = ParameterText.of(result);
        IdPoint.Builder base = IdPoint.newBuilder().setSource(result.getSource()).setEstimator(result.getEstimator())
                .putAllParameters(parameters);
        return switch (result.getSummaryCase()) {
            case TWO_NN -> List.of(twoNn(base, result.getTwoNn()));
            case TWO_NN_MLE -> List.of(twoNnMle(base, result.getTwoNnMle()));
            case DECIMATION -> decimation(base, result.getDecimation().getStepsList(),
                    result.getDecimation().getDuplicatesRemoved());
            case GRIDE -> gride(base, result.getGride().getScalesList(), result.getGride().getDuplicatesRemoved());
            case PC_ID -> List.of(base.setId(result.getPcId().getComponents())
                    .setDuplicatesRemoved(result.getPcId().getDuplicatesRemoved()).build());
            case PARTICIPATION_RATIO -> List.of(base.setId(result.getParticipationRatio().getValue())
                    .setDuplicatesRemoved(result.getParticipationRatio().getDuplicatesRemoved()).build());
            default -> List.of();
        };
    }

    /** As Ansuini reported it (SCIENCE.md 3.4): the subsample mean +- SD, the fit on all points beside it. */
    private static IdPoint twoNn(IdPoint.Builder point, TwoNnFit fit) {
        point.setId(fit.getId()).setAllPointsId(fit.getId()).setScale(fit.getScale())
                .setPointsUsed(fit.getPointsUsed()).setDuplicatesRemoved(fit.getDuplicatesRemoved());
        if (fit.getHasSubsamples()) {
            point.setId(fit.getSubsampleMean()).setError(fit.getSubsampleSd()).setHasError(true);
        }
        return point.build();
    }

    private static IdPoint twoNnMle(IdPoint.Builder point, TwoNnMaximumLikelihood mle) {
        return point.setId(mle.getId()).setError(mle.getError()).setHasError(true).setScale(mle.getScale())
                .setPointsUsed(mle.getPointsUsed()).setDuplicatesRemoved(mle.getDuplicatesRemoved()).build();
    }

    /** Largest subsets first; each point names its subset size in its parameters ({@code size}). */
    private static List<IdPoint> decimation(IdPoint.Builder base, List<DecimationStep> steps, int duplicates) {
        List<IdPoint> points = new ArrayList<>();
        for (DecimationStep step : steps) {
            Map<String, String> parameters = new TreeMap<>(base.getParametersMap());
            parameters.put("size", Integer.toString(step.getSize()));
            points.add(base.clone().putAllParameters(parameters).setId(step.getId()).setError(step.getError())
                    .setHasError(true).setScale(step.getScale()).setPointsUsed(step.getSize())
                    .setSubsets(step.getSubsets()).setDuplicatesRemoved(duplicates).build());
        }
        return points;
    }

    /** n1 ascending; each point names its orders in its parameters ({@code n1}, {@code n2}) and in n1, n2. */
    private static List<IdPoint> gride(IdPoint.Builder base, List<GrideScale> scales, int duplicates) {
        List<IdPoint> points = new ArrayList<>();
        for (GrideScale scale : scales) {
            points.add(base.clone().putParameters("n1", Integer.toString(scale.getN1()))
                    .putParameters("n2", Integer.toString(scale.getN2())).setN1(scale.getN1()).setN2(scale.getN2())
                    .setId(scale.getId()).setError(scale.getError()).setHasError(true).setScale(scale.getScale())
                    .setPointsUsed(scale.getPointsUsed()).setDuplicatesRemoved(duplicates).build());
        }
        return points;
    }
}
