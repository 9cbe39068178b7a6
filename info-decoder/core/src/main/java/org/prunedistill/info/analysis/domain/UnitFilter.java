package org.prunedistill.info.analysis.domain;

/** Which units an information summary rests on (SCIENCE.md 4.7); {@code pd.info.unit-filter}. */
public enum UnitFilter {
    /** Every analysed unit. */
    ALL,
    /** The included units: responsive and informative. */
    INCLUDED
}
