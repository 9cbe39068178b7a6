package org.prunedistill.results.domain;

/**
 * How far the catalog has read the log it is rebuilt from at start-up: records (log positions) applied out of those
 * that were on the topics when the rebuild began. Compacted topics have gaps in their offsets, so the two numbers
 * count positions, which is what a restart has to read through.
 *
 * @param applied  positions applied so far
 * @param total    positions below the end offsets taken at the start of the rebuild; 0 before they are known
 * @param caughtUp every position below those end offsets is applied: the catalog is the log's state, not a part of it
 * @param waitingFor what the rebuild waits for before it can start (Kafka, a topic); empty once it reads
 */
public record CatchUp(long applied, long total, boolean caughtUp, String waitingFor) {

    /** Before the end offsets are known. */
    public static CatchUp waiting(String what) {
        return new CatchUp(0, 0, false, what);
    }

    public static CatchUp reading(long applied, long total) {
        return new CatchUp(applied, total, false, "");
    }

    public static CatchUp done(long applied, long total) {
        return new CatchUp(applied, total, true, "");
    }

    /** For people: what the catalog is doing. */
    public String describe() {
        if (caughtUp) {
            return "caught up: applied " + applied + " of " + total + " log records";
        }
        if (!waitingFor.isEmpty()) {
            return "catching up: waiting for " + waitingFor;
        }
        return "catching up: applied " + applied + " of " + total + " log records";
    }
}
