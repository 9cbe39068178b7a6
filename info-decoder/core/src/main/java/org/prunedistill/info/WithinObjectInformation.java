package org.prunedistill.info;

import java.util.Objects;

/**
 * A control of the feature decomposition (SCIENCE.md 4.4): the information a unit carries about a low-level feature X
 * (RF luminance L) within object, {@code I(R;X|O) = sum_o P(o) I(R;X|O=o)}, next to {@code I(R;X)}. Where RF luminance
 * differs between objects, a unit that only codes object identity has a large {@code I(R;L)} but
 * {@code I(R;L|O)} near 0; a unit that codes luminance keeps it within each object. All in bits, each term plug-in and
 * Panzeri-Treves corrected; {@code I(R;O) + I(R;X|O) = I(R;X,O)} holds exactly for both. See
 * {@link FeatureDecomposition#withinObject}.
 *
 * @param feature             I(R;X), X in {@code featureBins} equipopulated levels over all conditions (the same
 *                            value as {@link FeatureInformation#feature()} of the decomposition)
 * @param object              I(R;O), O the object identity pooled over its views
 * @param withinObject        I(R;X|O), each object's term computed on its own trials and corrected with them
 * @param featureBins         the feature levels over all conditions
 * @param objects             the number of distinct objects
 * @param meanLevelsPerObject mean over objects of the feature levels an object's conditions fall in: the resolution
 *                            of X within object (1 means X is constant within every object, so I(R;X|O) = 0)
 */
public record WithinObjectInformation(CorrectedBits feature, CorrectedBits object, CorrectedBits withinObject,
        int featureBins, int objects, double meanLevelsPerObject) {

    /** Checks for nulls. */
    public WithinObjectInformation {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(withinObject, "withinObject");
    }
}
