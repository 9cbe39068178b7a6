package org.prunedistill.idestimator.domain;

import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.id.IdAnalysisResult;
import org.prunedistill.id.SubsampledEstimate;

/**
 * Everything the intrinsic-dimension analysis found for one source, with what it was asked.
 *
 * @param sample      the units analysed
 * @param analysis    the estimates (core records)
 * @param settings    the settings they were made with
 * @param unitSubsets for a recorded area compared at the run's common number of units (SCIENCE.md 3.4), the TwoNN
 *                    fit over the seeded subsets of that many units ({@code sampleSize} = the units, one repetition
 *                    per subset); null otherwise
 */
public record IdSourceResult(UnitSample sample, IdAnalysisResult analysis, IdSettings settings,
                             SubsampledEstimate unitSubsets) {
}
