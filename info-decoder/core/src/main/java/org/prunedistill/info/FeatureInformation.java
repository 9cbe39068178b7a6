package org.prunedistill.info;

/**
 * The split of a unit's stimulus information into a low-level feature X (RF luminance or contrast) and the rest,
 * {@code I(R;S) = I(R;X) + I(R;S'|X)} (SCIENCE.md 4.4), all in bits, each term plug-in and PT-corrected separately.
 *
 * <p>Policy: {@code highLevelFraction = I_PT(R;S'|X) / I_PT(R;S)} is NaN when {@code I_PT(R;S) <= 0} (no stimulus
 * information to split); {@link #highLevelFractionDefined()} says which, so summaries can count such units.
 *
 * @param stimulus          I(R;S) over all conditions
 * @param feature           I(R;X) with X the feature cut into {@code featureBins} equipopulated bins over conditions
 * @param residual          I(R;S'|X): stimulus information at fixed feature level
 * @param highLevelFraction f_high, from the PT-corrected terms; NaN if undefined
 * @param featureBins       number of feature bins used
 */
public record FeatureInformation(CorrectedBits stimulus, CorrectedBits feature, CorrectedBits residual,
        double highLevelFraction, int featureBins) {

    /** Whether {@link #highLevelFraction()} is defined ({@code I_PT(R;S) > 0}). */
    public boolean highLevelFractionDefined() {
        return !Double.isNaN(highLevelFraction);
    }

    /** The fraction {@code numerator / denominator}, NaN when the denominator is not positive. */
    static double fraction(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }
}
