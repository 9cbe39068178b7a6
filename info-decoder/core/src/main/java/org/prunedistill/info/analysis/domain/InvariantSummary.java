package org.prunedistill.info.analysis.domain;

/**
 * Medians over the counted units (SCIENCE.md 4.7), with bootstrap standard errors and the unfiltered medians, of
 * the invariant object information (SCIENCE.md 4.5).
 *
 * @param objectCorrected           I(R;O), Panzeri-Treves, mean over the kept pairs, bits
 * @param stimulusOverPairsCorrected I(R;S) over the kept pairs' conditions, Panzeri-Treves, bits
 * @param invariantFraction         I(R;O)/I(R;S)
 * @param keptPairs                 object pairs passing the luminance-ratio threshold, a count
 */
public record InvariantSummary(FilteredMedian objectCorrected, FilteredMedian stimulusOverPairsCorrected,
                               FilteredMedian invariantFraction, FilteredMedian keptPairs) {
}
