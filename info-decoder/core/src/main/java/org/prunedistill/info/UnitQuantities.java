package org.prunedistill.info;

import java.util.Objects;

/**
 * The paper's per-unit quantities (SCIENCE.md 4.4-4.5) for one unit: the luminance and contrast decompositions and
 * the invariant object information. See {@link UnitQuantitiesEstimator}.
 *
 * @param luminance decomposition with X = RF luminance
 * @param contrast  decomposition with X = RF contrast
 * @param invariant invariant object information over object pairs
 */
public record UnitQuantities(FeatureInformation luminance, FeatureInformation contrast,
        InvariantInformation invariant) {

    /** Checks for nulls. */
    public UnitQuantities {
        Objects.requireNonNull(luminance, "luminance");
        Objects.requireNonNull(contrast, "contrast");
        Objects.requireNonNull(invariant, "invariant");
    }
}
