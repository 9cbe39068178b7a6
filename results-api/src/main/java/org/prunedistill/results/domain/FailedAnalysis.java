package org.prunedistill.results.domain;

/**
 * An analysis that could not analyse a source, and why.
 *
 * @param analysis the analysis, for example {@code information}
 * @param reason   what went wrong, naming the object or setting at fault
 */
public record FailedAnalysis(String analysis, String reason) {

    public FailedAnalysis {
        if (analysis == null || reason == null) {
            throw new IllegalArgumentException("analysis and reason must be given");
        }
    }
}
