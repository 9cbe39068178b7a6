package org.prunedistill.verdicts;

/**
 * The intrinsic dimension of one source with its error bar, as a profile shows it.
 *
 * @param source the layer or area
 * @param id     the estimate, in dimensions
 * @param error  its error bar (SD over subsamples); NaN without one
 */
public record IdValue(Source source, double id, double error) {

    public IdValue {
        if (source == null) {
            throw new IllegalArgumentException("source must be given");
        }
    }
}
