package org.prunedistill.verdicts;

import java.util.List;

/** The answer to a question of the paper, from the verdicts of the layers it compares. */
public enum Answer {
    /** The hunchback is there; or every compared layer changes as claimed beyond 2 SE. */
    YES,
    /** No: not every layer against the claim, and none as claimed (or, for the hunchback, no hunchback). */
    NO,
    /** Every compared layer changes against the claim beyond 2 SE. */
    OPPOSITE,
    /** Some of the compared layers change as claimed beyond 2 SE, not all. */
    IN_SOME_LAYERS,
    /** No compared layer has an error bar at both ends: nothing to judge. */
    NOT_EVALUATED;

    /** The answer of a training question from its layers' verdicts (at least one). */
    static Answer of(List<Verdict> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers: an answer needs at least one layer's verdict");
        }
        long yes = layers.stream().filter(verdict -> verdict == Verdict.YES).count();
        if (yes == layers.size()) {
            return YES;
        }
        if (yes > 0) {
            return IN_SOME_LAYERS;
        }
        if (layers.stream().allMatch(verdict -> verdict == Verdict.OPPOSITE)) {
            return OPPOSITE;
        }
        return layers.stream().allMatch(verdict -> verdict == Verdict.NOT_EVALUATED) ? NOT_EVALUATED : NO;
    }
}
