package org.prunedistill.verdicts;

/**
 * The intrinsic dimension of one source with its error bar, as a profile shows it (SCIENCE.md 3.4, Ansuini et al.
 * 2019): the mean of the TwoNN fit over random subsamples with their SD, and beside it the fit on all points. Without
 * subsamples the value is the fit on all points, with no error bar.
 *
 * @param source    the layer or area
 * @param id        the value shown: the subsample mean (or the fit on all points), in dimensions
 * @param error     its error bar (SD over subsamples); NaN without one
 * @param allPoints the fit on all points, kept beside the value
 */
public record IdValue(Source source, double id, double error, double allPoints) {

    public IdValue {
        if (source == null) {
            throw new IllegalArgumentException("source must be given");
        }
    }

    /** A TwoNN result as Ansuini reported it: the subsample mean +- SD, the fit on all points beside it. */
    public static IdValue subsampled(Source source, double subsampleMean, double subsampleSd, double allPoints) {
        return new IdValue(source, subsampleMean, subsampleSd, allPoints);
    }

    /** A TwoNN result without subsamples: the fit on all points, with no error bar. */
    public static IdValue withoutSubsamples(Source source, double allPoints) {
        return new IdValue(source, allPoints, Double.NaN, allPoints);
    }
}
