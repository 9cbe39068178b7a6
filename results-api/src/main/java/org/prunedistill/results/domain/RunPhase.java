package org.prunedistill.results.domain;

/** Where a run is in its life. */
public enum RunPhase {
    SUBMITTED,
    EXTRACTING,
    ANALYSING,
    COMPLETED,
    FAILED
}
