package org.prunedistill.verdicts;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The trend of one measure along the hierarchy (SCIENCE.md 4.8): within one checkpoint along the layers in depth
 * order, or along the recorded areas in their order. The statistic is the difference between the mean of the
 * per-source medians of the last third and of the first third of the positions (a third is {@code max(1, n / 3)}
 * positions, so with 2 or 3 positions the first against the last), with its standard error propagated from the
 * medians' errors: {@code sqrt(sum se^2) / count} per third, combined by {@code hypot}; judged by the 2-standard-error
 * rule ({@link Change#isSignificant}, through {@link Verdict}). Spearman's rank correlation of the medians with
 * relative depth is reported beside it, a descriptive number.
 *
 * <p>Not evaluated (with the reason): fewer than {@value #MIN_POSITIONS} positions with a finite value, or a position
 * of either third without an error bar (the numbers are still given where they exist).
 *
 * @param origin          the model, or the recording of the areas
 * @param checkpoint      the model's checkpoint; empty for areas
 * @param layers          true along a model's layers, false along the areas
 * @param positions       the positions with a finite value, in hierarchy order
 * @param first           the first third
 * @param last            the last third
 * @param difference      {@code last.mean - first.mean}; NaN with fewer than 2 positions
 * @param error           {@code hypot(first.error, last.error)}; NaN when a median of a third has no error
 * @param rankCorrelation Spearman's rho of the values with relative depth; NaN when undefined (fewer than 2 positions,
 *                        or a constant depth or value)
 * @param verdict         yes: beyond 2 SE in the claimed direction; opposite: against it; no: within 2 SE
 * @param reason          why the trend is not evaluated; empty otherwise
 */
public record HierarchyTrend(String origin, String checkpoint, boolean layers, List<TrendPosition> positions,
                             Third first, Third last, double difference, double error, double rankCorrelation,
                             Verdict verdict, String reason) {

    /** Fewest positions with a value a trend needs. */
    public static final int MIN_POSITIONS = 2;

    public HierarchyTrend {
        positions = List.copyOf(positions);
    }

    /**
     * The mean of the medians of a third of the positions and its standard error.
     *
     * @param count positions averaged (0 when there are too few positions)
     * @param mean  their mean
     * @param error {@code sqrt(sum se^2) / count}; NaN when one of them has no error
     */
    public record Third(int count, double mean, double error) {
        static final Third NONE = new Third(0, Double.NaN, Double.NaN);

        static Third of(List<TrendPosition> positions) {
            double sum = 0.0;
            double squaredErrors = 0.0;
            for (TrendPosition position : positions) {
                sum += position.value();
                squaredErrors += position.error() * position.error();
            }
            return new Third(positions.size(), sum / positions.size(), Math.sqrt(squaredErrors) / positions.size());
        }
    }

    /**
     * The trend along {@code positions}.
     *
     * @param positions in hierarchy order; positions without a finite value are left out
     * @param claim     the direction claimed along the hierarchy; null when none is (then yes means any difference
     *                  beyond 2 SE)
     */
    public static HierarchyTrend along(String origin, String checkpoint, boolean layers,
                                       List<TrendPosition> positions, Claim claim) {
        List<TrendPosition> valued = positions.stream().filter(position -> Double.isFinite(position.value()))
                .toList();
        int n = valued.size();
        double rho = RankCorrelation.spearman(valued.stream().mapToDouble(p -> p.source().relativeDepth()).toArray(),
                valued.stream().mapToDouble(TrendPosition::value).toArray());
        if (n < MIN_POSITIONS) {
            return new HierarchyTrend(origin, checkpoint, layers, valued, Third.NONE, Third.NONE, Double.NaN,
                    Double.NaN, rho, Verdict.NOT_EVALUATED, String.format(Locale.ROOT,
                    "%d position%s with a value; a trend needs at least %d", n, n == 1 ? "" : "s", MIN_POSITIONS));
        }
        int third = Math.max(1, n / 3);
        List<TrendPosition> firstThird = valued.subList(0, third);
        List<TrendPosition> lastThird = valued.subList(n - third, n);
        Third first = Third.of(firstThird);
        Third last = Third.of(lastThird);
        double difference = last.mean() - first.mean();
        double error = Math.hypot(first.error(), last.error());
        List<String> withoutError = Stream.concat(firstThird.stream(), lastThird.stream())
                .filter(position -> !position.hasError()).map(position -> position.source().name()).toList();
        if (!withoutError.isEmpty()) {
            return new HierarchyTrend(origin, checkpoint, layers, valued, first, last, difference, Double.NaN, rho,
                    Verdict.NOT_EVALUATED, "no error bar at " + String.join(", ", withoutError));
        }
        return new HierarchyTrend(origin, checkpoint, layers, valued, first, last, difference, error, rho,
                Verdict.of(difference, error, claim), "");
    }

    /** Whether {@code |difference| > 2 error}. */
    public boolean significant() {
        return Change.isSignificant(difference, error);
    }

    public boolean hasError() {
        return !Double.isNaN(error);
    }
}
