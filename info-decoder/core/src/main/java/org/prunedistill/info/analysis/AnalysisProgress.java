package org.prunedistill.info.analysis;

/**
 * Where the analysis of one source stands, for the progress people see while it runs (the service hands it to the
 * run's heartbeat): the step and, when the step counts units, how many of how many are done. Called from the
 * analysing threads, often; an implementation must be cheap and thread-safe, and never fail the analysis.
 */
@FunctionalInterface
public interface AnalysisProgress {

    /** Reports nothing. */
    AnalysisProgress NONE = (step, done, total) -> { };

    /**
     * @param step  what is being done, for people: "per-unit information"
     * @param done  how many of {@code total} are done
     * @param total how many there are; 0 when the step counts nothing
     */
    void step(String step, long done, long total);
}
