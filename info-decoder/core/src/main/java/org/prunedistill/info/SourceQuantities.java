package org.prunedistill.info;

import java.util.Objects;

/**
 * The per-unit quantities of one source (a layer at one checkpoint, or an area) that pruning and distillation are
 * judged on (SCIENCE.md 4.6), one entry per unit; NaN marks an undefined value (for example f_high of a unit
 * without stimulus information). The arrays may differ in length (units can be dropped from one analysis only).
 * Arrays are copied in and out.
 *
 * @param luminanceBits             I_PT(R;L) per unit ({@link FeatureInformation#feature()} for luminance)
 * @param contrastBits              I_PT(R;C) per unit
 * @param highLevelFraction         f_high per unit (luminance decomposition)
 * @param invariantFraction         I(R;O)/I(R;S) per unit ({@link InvariantInformation#invariantFraction()})
 * @param luminanceWithinObjectBits I_PT(R;L|O) per unit ({@link WithinObjectInformation#withinObject()}), the
 *                                  control reported beside {@code luminanceBits}
 */
public record SourceQuantities(double[] luminanceBits, double[] contrastBits, double[] highLevelFraction,
        double[] invariantFraction, double[] luminanceWithinObjectBits) {

    /** Copies the arrays. */
    public SourceQuantities {
        luminanceBits = Objects.requireNonNull(luminanceBits, "luminanceBits").clone();
        contrastBits = Objects.requireNonNull(contrastBits, "contrastBits").clone();
        highLevelFraction = Objects.requireNonNull(highLevelFraction, "highLevelFraction").clone();
        invariantFraction = Objects.requireNonNull(invariantFraction, "invariantFraction").clone();
        luminanceWithinObjectBits = Objects.requireNonNull(luminanceWithinObjectBits, "luminanceWithinObjectBits")
                .clone();
    }

    @Override
    public double[] luminanceBits() {
        return luminanceBits.clone();
    }

    @Override
    public double[] contrastBits() {
        return contrastBits.clone();
    }

    @Override
    public double[] highLevelFraction() {
        return highLevelFraction.clone();
    }

    @Override
    public double[] invariantFraction() {
        return invariantFraction.clone();
    }

    @Override
    public double[] luminanceWithinObjectBits() {
        return luminanceWithinObjectBits.clone();
    }
}
