package org.prunedistill.info.analysis.domain;

import java.util.List;

/**
 * Everything the information analysis found for one source, with the settings it used.
 *
 * @param wholeSet I(R;object) then I(R;luminance) over every condition
 * @param perUnit  the paper's per-unit quantities
 * @param decoding single-unit and population decoding
 * @param settings the settings
 */
public record InformationSourceResult(List<WholeSetInformation> wholeSet, PerUnitSummaries perUnit,
                                      DecodingSummaries decoding, InformationSettings settings) {

    public InformationSourceResult {
        wholeSet = List.copyOf(wholeSet);
    }
}
