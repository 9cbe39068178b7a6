package org.prunedistill.info;

import java.util.Objects;

/**
 * The paper's per-unit quantities (SCIENCE.md 4.4-4.5) for one unit: the luminance and contrast decompositions,
 * the invariant object information and the luminance information within object. See {@link UnitQuantitiesEstimator}.
 *
 * @param luminance             decomposition with X = RF luminance
 * @param contrast              decomposition with X = RF contrast
 * @param invariant             invariant object information over object pairs
 * @param luminanceWithinObject I(R;L|O) beside I(R;L): the luminance information within object (a control)
 */
public record UnitQuantities(FeatureInformation luminance, FeatureInformation contrast,
        InvariantInformation invariant, WithinObjectInformation luminanceWithinObject) {

    /** Checks for nulls. */
    public UnitQuantities {
        Objects.requireNonNull(luminance, "luminance");
        Objects.requireNonNull(contrast, "contrast");
        Objects.requireNonNull(invariant, "invariant");
        Objects.requireNonNull(luminanceWithinObject, "luminanceWithinObject");
    }
}
