package org.prunedistill.info.analysis.domain;

import org.prunedistill.info.SignificantShare;

/**
 * The paper's per-unit quantities of one source summarised (SCIENCE.md 4.3-4.6), with the table they rest on.
 *
 * @param selection    the units and views
 * @param inclusion    which units count (SCIENCE.md 4.7)
 * @param table        one row per analysed unit
 * @param luminance    the luminance decomposition
 * @param contrast     the contrast decomposition
 * @param invariant    the invariant object information
 * @param significance the share of units whose I(R;S) is significant
 */
public record PerUnitSummaries(UnitSelection selection, UnitInclusion inclusion, PerUnitTable table,
                               DecompositionSummary luminance,
                               DecompositionSummary contrast, InvariantSummary invariant,
                               SignificantShare significance) {
}
