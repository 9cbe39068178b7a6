package org.prunedistill.verdicts;

/**
 * The change of one median from one source to another (an earlier and a later checkpoint of a layer, or one area and
 * the next), SCIENCE.md 4.6: {@code difference = after - before} with the standard error of the difference
 * {@code hypot(se_before, se_after)}; significant when {@code |difference| > }{@value #SIGNIFICANT_STANDARD_ERRORS}
 * {@code error}. Without both errors the change has no error (NaN) and is never significant. This is the project's
 * one 2-standard-error rule ({@link #isSignificant}): every verdict about a change, a trend or the difference of two
 * trends rests on it.
 *
 * @param before      the earlier end
 * @param after       the later end, of the same measure
 * @param difference  {@code after.value - before.value}
 * @param error       standard error of the difference; NaN unless both ends have one
 * @param significant whether {@code |difference|} exceeds twice {@code error}
 */
public record Change(Median before, Median after, double difference, double error, boolean significant) {

    /** Standard errors of the difference beyond which a change counts (Muratore et al. 2022). */
    public static final double SIGNIFICANT_STANDARD_ERRORS = 2.0;

    /**
     * The change from {@code before} to {@code after}.
     *
     * @throws IllegalArgumentException when the two measure different things
     */
    public static Change between(Median before, Median after) {
        if (!before.measure().equals(after.measure())) {
            throw new IllegalArgumentException("a change compares one measure, got " + before.measure() + " and "
                    + after.measure());
        }
        double difference = after.value() - before.value();
        if (!before.hasError() || !after.hasError()) {
            return new Change(before, after, difference, Double.NaN, false);
        }
        double error = Math.hypot(before.error(), after.error());
        return new Change(before, after, difference, error, isSignificant(difference, error));
    }

    /**
     * The rule itself, for any difference with a standard error (a change, a trend along the hierarchy, the
     * difference of two trends): {@code |difference| > 2 error}; never without an error (NaN).
     */
    public static boolean isSignificant(double difference, double error) {
        return !Double.isNaN(error) && Math.abs(difference) > SIGNIFICANT_STANDARD_ERRORS * error;
    }

    public boolean hasError() {
        return !Double.isNaN(error);
    }

    public Measure measure() {
        return before.measure();
    }
}
