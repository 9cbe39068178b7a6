package org.prunedistill.idestimator.domain;

import org.prunedistill.claimcheck.UnitSample;
import org.prunedistill.id.IdAnalysisResult;

/**
 * Everything the intrinsic-dimension analysis found for one source, with what it was asked.
 *
 * @param sample   the units analysed
 * @param analysis the estimates (core records)
 * @param settings the settings they were made with
 */
public record IdSourceResult(UnitSample sample, IdAnalysisResult analysis, IdSettings settings) {
}
