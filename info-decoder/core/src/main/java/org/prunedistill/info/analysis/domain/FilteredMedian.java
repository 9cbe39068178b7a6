package org.prunedistill.info.analysis.domain;

import org.prunedistill.info.MedianEstimate;

/**
 * A per-unit quantity's median over the units the filter counts, with its bootstrap standard error, and the median
 * over every analysed unit beside it (SCIENCE.md 4.7).
 *
 * @param median     over the counted units (NaN when none has a defined value)
 * @param unfiltered over every analysed unit with a defined value (NaN when none)
 */
public record FilteredMedian(MedianEstimate median, double unfiltered) {
}
