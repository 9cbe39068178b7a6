package org.prunedistill.info;

import java.util.List;

/**
 * A unit's invariant object information (SCIENCE.md 4.5), averaged over the object pairs that pass the luminance
 * threshold; bits are Panzeri-Treves corrected.
 *
 * <p>Policy: with no kept pair every average is NaN; {@code invariantFraction} is the ratio of the averages
 * {@code mean I(R;O) / mean I(R;S)} (robust to single pairs with near-zero I(R;S)) and NaN when the denominator is
 * not positive.
 *
 * @param pairs             every pair, kept or not, in order of (objectA, objectB)
 * @param keptPairs         pairs whose luminance ratio exceeds the threshold
 * @param objectBits        mean I_PT(R;O) over kept pairs
 * @param stimulusBits      mean I_PT(R;S) over kept pairs
 * @param invariantFraction {@code objectBits / stimulusBits}, NaN if undefined
 * @param threshold         the luminance-ratio threshold used
 */
public record InvariantInformation(List<PairInformation> pairs, int keptPairs, double objectBits,
        double stimulusBits, double invariantFraction, double threshold) {

    /** Copies the pair list. */
    public InvariantInformation {
        pairs = List.copyOf(pairs);
    }
}
