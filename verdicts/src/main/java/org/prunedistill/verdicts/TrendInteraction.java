package org.prunedistill.verdicts;

/**
 * Whether training changes a trend along the hierarchy (SCIENCE.md 4.8: pruning is an active process in the network
 * only if the trained trend differs from the untrained one): the difference of the trend statistics of one model's
 * layers at its last and at its first checkpoint, {@code last.difference - first.difference}, with the error
 * {@code hypot(first.error, last.error)}, judged by the 2-standard-error rule. Yes: the trend at the last checkpoint
 * is steeper in the claimed direction; opposite: it is steeper against it (or flatter); no: within 2 SE.
 *
 * @param first      the trend at the model's first checkpoint in training order
 * @param last       the trend at its last checkpoint
 * @param difference {@code last.difference - first.difference}
 * @param error      {@code hypot(first.error, last.error)}; NaN when either trend has none
 * @param verdict    yes, no, opposite, or not evaluated when either trend is not
 * @param reason     why it is not evaluated; empty otherwise
 */
public record TrendInteraction(HierarchyTrend first, HierarchyTrend last, double difference, double error,
                               Verdict verdict, String reason) {

    /**
     * The interaction of two trends of the same model's layers.
     *
     * @param claim the direction claimed along the hierarchy; null when none is
     */
    public static TrendInteraction between(HierarchyTrend first, HierarchyTrend last, Claim claim) {
        if (!first.layers() || !last.layers() || !first.origin().equals(last.origin())) {
            throw new IllegalArgumentException("an interaction compares two checkpoints of one model's layers, got "
                    + first.origin() + " " + first.checkpoint() + " and " + last.origin() + " " + last.checkpoint());
        }
        double difference = last.difference() - first.difference();
        double error = Math.hypot(first.error(), last.error());
        String reason = first.verdict() == Verdict.NOT_EVALUATED
                ? "the trend at " + first.checkpoint() + " is not evaluated: " + first.reason()
                : last.verdict() == Verdict.NOT_EVALUATED
                ? "the trend at " + last.checkpoint() + " is not evaluated: " + last.reason() : "";
        return new TrendInteraction(first, last, difference, error,
                reason.isEmpty() ? Verdict.of(difference, error, claim) : Verdict.NOT_EVALUATED, reason);
    }

    /** The model. */
    public String origin() {
        return first.origin();
    }

    /** Whether {@code |difference| > 2 error}. */
    public boolean significant() {
        return Change.isSignificant(difference, error);
    }
}
