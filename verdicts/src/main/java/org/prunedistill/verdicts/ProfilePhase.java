package org.prunedistill.verdicts;

/**
 * A run of consecutive positions over which the intrinsic dimension rises (expansion) or falls (contraction) beyond
 * the error bars at every step.
 *
 * @param kind  expansion or contraction
 * @param from  index of the first position of the run
 * @param to    index of the last position (greater than {@code from})
 */
public record ProfilePhase(Kind kind, int from, int to) {

    /** Direction of a phase. */
    public enum Kind { EXPANSION, CONTRACTION }

    public ProfilePhase {
        if (kind == null || from < 0 || to <= from) {
            throw new IllegalArgumentException("kind must be given and 0 <= from < to, got " + kind + " " + from
                    + ".." + to);
        }
    }
}
