package org.prunedistill.info.analysis.domain;

/**
 * Medians over the counted units (SCIENCE.md 4.7), with bootstrap standard errors and the unfiltered medians, of
 * one decomposition I(R;S) = I(R;X) + I(R;S'|X) and of
 * f_high(X) (SCIENCE.md 4.4); information in bits.
 *
 * @param feature            X
 * @param stimulusPlugin     I(R;S), plug-in
 * @param stimulusCorrected  I(R;S), Panzeri-Treves
 * @param featurePlugin      I(R;X), plug-in
 * @param featureCorrected   I(R;X), Panzeri-Treves
 * @param residualPlugin     I(R;S'|X), plug-in
 * @param residualCorrected  I(R;S'|X), Panzeri-Treves
 * @param highLevelFraction  f_high(X), a fraction of corrected terms
 * @param withinObjectPlugin    I(R;X|O), plug-in; null but for the luminance decomposition
 * @param withinObjectCorrected I(R;X|O), Panzeri-Treves; null but for the luminance decomposition
 */
public record DecompositionSummary(Feature feature, FilteredMedian stimulusPlugin, FilteredMedian stimulusCorrected,
                                   FilteredMedian featurePlugin, FilteredMedian featureCorrected,
                                   FilteredMedian residualPlugin, FilteredMedian residualCorrected,
                                   FilteredMedian highLevelFraction, FilteredMedian withinObjectPlugin,
                                   FilteredMedian withinObjectCorrected) {

    /** The feature a decomposition conditions on, with the letter its per-unit columns use. */
    public enum Feature {
        RF_LUMINANCE("L"),
        RF_CONTRAST("C");

        private final String letter;

        Feature(String letter) {
            this.letter = letter;
        }

        /** "L" or "C", as in {@code I(R;L)}. */
        public String letter() {
            return letter;
        }
    }
}
