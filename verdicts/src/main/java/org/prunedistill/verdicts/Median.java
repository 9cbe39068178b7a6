package org.prunedistill.verdicts;

/**
 * One summary number of one source: a median over units (or a mean over pseudo-populations) with its standard error.
 *
 * @param source  what it belongs to
 * @param measure what it measures
 * @param value   the median, in the measure's unit
 * @param error   its standard error (bootstrap, or SD over resamplings); NaN without one
 */
public record Median(Source source, Measure measure, double value, double error) {

    public Median {
        if (source == null || measure == null) {
            throw new IllegalArgumentException("source and measure must be given");
        }
    }

    public boolean hasError() {
        return !Double.isNaN(error);
    }
}
