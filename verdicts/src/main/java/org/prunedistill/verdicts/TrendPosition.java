package org.prunedistill.verdicts;

/**
 * One position of a trend along the hierarchy: a source with its median (or its ID) and standard error.
 *
 * @param source the layer or area
 * @param value  the per-source median, or the ID
 * @param error  its standard error (or the ID's error bar); NaN without one
 */
public record TrendPosition(Source source, double value, double error) {

    public TrendPosition {
        if (source == null) {
            throw new IllegalArgumentException("source must be given");
        }
    }

    public static TrendPosition of(Median median) {
        return new TrendPosition(median.source(), median.value(), median.error());
    }

    public static TrendPosition of(IdValue id) {
        return new TrendPosition(id.source(), id.id(), id.error());
    }

    public boolean hasError() {
        return !Double.isNaN(error);
    }
}
