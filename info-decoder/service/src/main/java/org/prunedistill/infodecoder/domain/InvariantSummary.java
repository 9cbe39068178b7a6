package org.prunedistill.infodecoder.domain;

import org.prunedistill.info.MedianEstimate;

/**
 * Medians over units, with bootstrap standard errors, of the invariant object information (SCIENCE.md 4.5).
 *
 * @param objectCorrected           I(R;O), Panzeri-Treves, mean over the kept pairs, bits
 * @param stimulusOverPairsCorrected I(R;S) over the kept pairs' conditions, Panzeri-Treves, bits
 * @param invariantFraction         I(R;O)/I(R;S)
 * @param keptPairs                 object pairs passing the luminance-ratio threshold, a count
 */
public record InvariantSummary(MedianEstimate objectCorrected, MedianEstimate stimulusOverPairsCorrected,
                               MedianEstimate invariantFraction, MedianEstimate keptPairs) {
}
