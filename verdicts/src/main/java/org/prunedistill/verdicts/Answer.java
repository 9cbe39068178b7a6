package org.prunedistill.verdicts;

/** The answer to a question of the paper. */
public enum Answer {
    /** The hunchback is there; or every compared layer changes as claimed beyond 2 SE. */
    YES,
    /** No. */
    NO,
    /** Some of the compared layers change as claimed beyond 2 SE, not all. */
    IN_SOME_LAYERS
}
