package org.prunedistill.messaging;

/**
 * Where a long piece of work on a source stands, for the progress people see ({@link ProgressHeartbeat}): the step
 * it is at and, when the step counts something, how many of how many are done. Reporting is cheap (the heartbeat
 * publishes at its own interval, never on each call) and never fails the work.
 */
@FunctionalInterface
public interface StepProgress {

    /** Reports nothing, for callers without a heartbeat. */
    StepProgress NONE = (step, done, total) -> { };

    /**
     * @param step  what is being done, for people: "fetching batches", "per-unit information"
     * @param done  how many of {@code total} are done
     * @param total how many there are in all; 0 when the step counts nothing (no estimate then)
     */
    void step(String step, long done, long total);
}
