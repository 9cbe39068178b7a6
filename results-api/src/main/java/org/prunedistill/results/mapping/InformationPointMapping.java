package org.prunedistill.results.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Measure;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.DecodingLevel;
import org.prunedistill.events.v1.DecodingMeasure;
import org.prunedistill.events.v1.DecodingTask;
import org.prunedistill.events.v1.DecodingValue;
import org.prunedistill.events.v1.InformationMedian;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.events.v1.SignificanceSummary;
import org.prunedistill.events.v1.UnitCounts;

/**
 * The information results as the API's information points, from their typed summaries: every median of an
 * information summary (kept pairs, a count, left out), the significant share, and every decoding value. Each point
 * carries its typed {@link Measure}; {@code quantity} and {@code correction} spell it for people ("I(R;L)",
 * "panzeri-treves"; "population separability (6 units)", "above-chance"), written from the typed fields, never read.
 * Every point carries its result's unit counts (analysed, responsive, informative, included; SCIENCE.md 4.7) and the
 * reason it has no median when no unit qualified; an information median its unfiltered median beside it.
 */
final class InformationPointMapping {

    private InformationPointMapping() {
    }

    /** The points of one result, in the order of its summary; none for a result that is not about information. */
    static List<InformationPoint> points(AnalysisResult result) {
        Map<String, String> parameters = ParameterText.of(result);
        UnitCounts counts = result.getUnits();
        InformationPoint.Builder base = InformationPoint.newBuilder().setSource(result.getSource())
                .setUnits(counts.getAnalysed()).setResponsiveUnits(counts.getResponsive())
                .setInformativeUnits(counts.getInformative()).setIncludedUnits(counts.getIncluded())
                .setNotEvaluatedReason(counts.getNotEvaluatedReason()).putAllParameters(parameters)
                .setQ25(Double.NaN).setQ75(Double.NaN)
                .setDecodingProfile(result.getParameters().hasSingleUnitDecoding()
                        ? result.getParameters().getSingleUnitDecoding().getProfile()
                        : result.getParameters().getPopulationDecoding().getProfile());
        List<InformationPoint> points = new ArrayList<>();
        switch (result.getSummaryCase()) {
            case INFORMATION -> {
                for (InformationMedian median : result.getInformation().getMediansList()) {
                    if (median.getQuantity() != InformationQuantity.INFORMATION_QUANTITY_KEPT_PAIRS) {
                        points.add(information(base.clone(), median));
                    }
                }
            }
            case SIGNIFICANCE -> points.add(significance(base.clone(), result.getSignificance()));
            case DECODING -> result.getDecoding().getValuesList()
                    .forEach(value -> points.add(decoding(base.clone(), value)));
            default -> {
                // Not an information result.
            }
        }
        return points;
    }

    private static InformationPoint information(InformationPoint.Builder point, InformationMedian median) {
        point.setMeasure(Measure.newBuilder().setQuantity(median.getQuantity()).setCorrection(median.getCorrection()))
                .setQuantity(quantityName(median.getQuantity()))
                .setCorrection(correctionName(median.getCorrection()))
                .setMedian(median.getMedian());
        if (median.getHasQuartiles()) {
            point.setQ25(median.getQ25()).setQ75(median.getQ75());
        }
        if (median.getHasMedianError()) {
            point.setMedianError(median.getMedianError()).setHasMedianError(true);
        }
        if (median.getHasUnfilteredMedian()) {
            point.setUnfilteredMedian(median.getUnfilteredMedian()).setHasUnfilteredMedian(true);
        }
        return point.build();
    }

    private static InformationPoint significance(InformationPoint.Builder point, SignificanceSummary significance) {
        point.setMeasure(Measure.newBuilder().setQuantity(InformationQuantity.INFORMATION_QUANTITY_SIGNIFICANT_SHARE)
                        .setCorrection(Correction.CORRECTION_NONE))
                .setQuantity(quantityName(InformationQuantity.INFORMATION_QUANTITY_SIGNIFICANT_SHARE))
                .setCorrection("permutation-test")
                .setMedian(significance.getShare());
        if (significance.getHasShareError()) {
            point.setMedianError(significance.getShareError()).setHasMedianError(true);
        }
        return point.build();
    }

    private static InformationPoint decoding(InformationPoint.Builder point, DecodingValue value) {
        boolean population = value.getLevel() == DecodingLevel.DECODING_LEVEL_POPULATION;
        String task = value.getTask() == DecodingTask.DECODING_TASK_SEPARABILITY ? "separability" : "generalisation";
        point.setMeasure(Measure.newBuilder().setTask(value.getTask()).setLevel(value.getLevel())
                        .setPopulationSize(value.getPopulationSize()).setDecodingMeasure(value.getMeasure()))
                .setQuantity(population ? "population " + task + " (" + value.getPopulationSize() + " units)"
                        : "single-unit " + task)
                .setCorrection(value.getMeasure() == DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT
                        ? "percent-correct" : "above-chance")
                .setMedian(value.getValue());
        if (population) {
            point.setUnits(value.getPopulationSize());
        }
        if (value.getHasError()) {
            point.setMedianError(value.getError()).setHasMedianError(true);
        }
        return point.build();
    }

    /** The quantity as people write it. */
    static String quantityName(InformationQuantity quantity) {
        return switch (quantity) {
            case INFORMATION_QUANTITY_OBJECT -> "I(R;object)";
            case INFORMATION_QUANTITY_LUMINANCE -> "I(R;luminance)";
            case INFORMATION_QUANTITY_STIMULUS -> "I(R;S)";
            case INFORMATION_QUANTITY_RF_LUMINANCE -> "I(R;L)";
            case INFORMATION_QUANTITY_STIMULUS_GIVEN_RF_LUMINANCE -> "I(R;S'|L)";
            case INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE -> "f_high(L)";
            case INFORMATION_QUANTITY_RF_CONTRAST -> "I(R;C)";
            case INFORMATION_QUANTITY_STIMULUS_GIVEN_RF_CONTRAST -> "I(R;S'|C)";
            case INFORMATION_QUANTITY_F_HIGH_RF_CONTRAST -> "f_high(C)";
            case INFORMATION_QUANTITY_INVARIANT_OBJECT -> "I(R;O)";
            case INFORMATION_QUANTITY_STIMULUS_OVER_PAIRS -> "I(R;S).pairs";
            case INFORMATION_QUANTITY_INVARIANT_FRACTION -> "I(R;O)/I(R;S)";
            case INFORMATION_QUANTITY_KEPT_PAIRS -> "kept pairs";
            case INFORMATION_QUANTITY_SIGNIFICANT_SHARE -> "significant share";
            case INFORMATION_QUANTITY_RF_LUMINANCE_GIVEN_OBJECT -> "I(R;L|O)";
            case INFORMATION_QUANTITY_UNSPECIFIED, UNRECOGNIZED -> "unspecified";
        };
    }

    /** The correction as people write it. */
    static String correctionName(Correction correction) {
        return switch (correction) {
            case CORRECTION_PLUGIN -> "plugin";
            case CORRECTION_PANZERI_TREVES -> "panzeri-treves";
            case CORRECTION_NONE -> "none";
            case CORRECTION_UNSPECIFIED, UNRECOGNIZED -> "unspecified";
        };
    }
}
