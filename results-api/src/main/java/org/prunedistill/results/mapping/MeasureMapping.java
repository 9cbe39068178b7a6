package org.prunedistill.results.mapping;

import org.prunedistill.api.v1.Measure;
import org.prunedistill.events.v1.Correction;
import org.prunedistill.events.v1.DecodingLevel;
import org.prunedistill.events.v1.DecodingMeasure;
import org.prunedistill.events.v1.DecodingTask;
import org.prunedistill.events.v1.InformationQuantity;
import org.prunedistill.verdicts.Measure.DecodingScore;
import org.prunedistill.verdicts.Measure.Quantity;

/** The API's typed measure as the verdicts module names it. */
final class MeasureMapping {

    private MeasureMapping() {
    }

    /**
     * The verdicts' measure of an API measure.
     *
     * @throws IllegalArgumentException for a measure that names neither a quantity nor a decoding task
     */
    static org.prunedistill.verdicts.Measure toVerdicts(Measure measure) {
        if (measure.getTask() != DecodingTask.DECODING_TASK_UNSPECIFIED) {
            return new org.prunedistill.verdicts.Measure.Decoding(task(measure.getTask()), level(measure.getLevel()),
                    measure.getPopulationSize(), score(measure.getDecodingMeasure()));
        }
        return new org.prunedistill.verdicts.Measure.Information(quantity(measure.getQuantity()),
                correction(measure.getCorrection()));
    }

    private static Quantity quantity(InformationQuantity quantity) {
        return switch (quantity) {
            case INFORMATION_QUANTITY_OBJECT -> Quantity.OBJECT;
            case INFORMATION_QUANTITY_LUMINANCE -> Quantity.LUMINANCE;
            case INFORMATION_QUANTITY_STIMULUS -> Quantity.STIMULUS;
            case INFORMATION_QUANTITY_RF_LUMINANCE -> Quantity.RF_LUMINANCE;
            case INFORMATION_QUANTITY_STIMULUS_GIVEN_RF_LUMINANCE -> Quantity.STIMULUS_GIVEN_RF_LUMINANCE;
            case INFORMATION_QUANTITY_F_HIGH_RF_LUMINANCE -> Quantity.F_HIGH_RF_LUMINANCE;
            case INFORMATION_QUANTITY_RF_CONTRAST -> Quantity.RF_CONTRAST;
            case INFORMATION_QUANTITY_STIMULUS_GIVEN_RF_CONTRAST -> Quantity.STIMULUS_GIVEN_RF_CONTRAST;
            case INFORMATION_QUANTITY_F_HIGH_RF_CONTRAST -> Quantity.F_HIGH_RF_CONTRAST;
            case INFORMATION_QUANTITY_INVARIANT_OBJECT -> Quantity.INVARIANT_OBJECT;
            case INFORMATION_QUANTITY_STIMULUS_OVER_PAIRS -> Quantity.STIMULUS_OVER_PAIRS;
            case INFORMATION_QUANTITY_INVARIANT_FRACTION -> Quantity.INVARIANT_FRACTION;
            case INFORMATION_QUANTITY_KEPT_PAIRS -> Quantity.KEPT_PAIRS;
            case INFORMATION_QUANTITY_SIGNIFICANT_SHARE -> Quantity.SIGNIFICANT_SHARE;
            case INFORMATION_QUANTITY_RF_LUMINANCE_GIVEN_OBJECT -> Quantity.RF_LUMINANCE_GIVEN_OBJECT;
            case INFORMATION_QUANTITY_UNSPECIFIED, UNRECOGNIZED ->
                    throw new IllegalArgumentException("measure names no quantity: " + quantity);
        };
    }

    private static org.prunedistill.verdicts.Measure.Correction correction(Correction correction) {
        return switch (correction) {
            case CORRECTION_PLUGIN -> org.prunedistill.verdicts.Measure.Correction.PLUGIN;
            case CORRECTION_PANZERI_TREVES -> org.prunedistill.verdicts.Measure.Correction.PANZERI_TREVES;
            case CORRECTION_NONE, CORRECTION_UNSPECIFIED, UNRECOGNIZED ->
                    org.prunedistill.verdicts.Measure.Correction.NONE;
        };
    }

    private static org.prunedistill.verdicts.Measure.DecodingTask task(DecodingTask task) {
        return task == DecodingTask.DECODING_TASK_SEPARABILITY
                ? org.prunedistill.verdicts.Measure.DecodingTask.SEPARABILITY
                : org.prunedistill.verdicts.Measure.DecodingTask.GENERALISATION;
    }

    private static org.prunedistill.verdicts.Measure.DecodingLevel level(DecodingLevel level) {
        return level == DecodingLevel.DECODING_LEVEL_POPULATION
                ? org.prunedistill.verdicts.Measure.DecodingLevel.POPULATION
                : org.prunedistill.verdicts.Measure.DecodingLevel.SINGLE_UNIT;
    }

    private static DecodingScore score(DecodingMeasure measure) {
        return measure == DecodingMeasure.DECODING_MEASURE_PERCENT_CORRECT ? DecodingScore.PERCENT_CORRECT
                : DecodingScore.ABOVE_CHANCE;
    }
}
