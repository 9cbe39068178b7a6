package org.prunedistill.id;

import java.util.List;

/**
 * An intrinsic dimension with its error bar from repeated random subsamples (SCIENCE.md 3.4).
 *
 * @param estimator   {@link IdEstimator#name()} of the estimator applied to every subsample
 * @param id          mean of the subsample estimates
 * @param error       their standard deviation (population, divisor = repetitions)
 * @param scale       mean of the subsample scales, in input units
 * @param sampleSize  rows (points) per subsample for {@link Subsampling}, columns (units) per subsample for
 *                    {@link EqualUnitSubsampling}
 * @param repetitions every subsample's estimate, in drawing order; copied, immutable
 */
public record SubsampledEstimate(String estimator, double id, double error, double scale, int sampleSize,
                                 List<IdEstimate> repetitions) {

    public SubsampledEstimate {
        if (repetitions == null || repetitions.isEmpty()) {
            throw new IllegalArgumentException("repetitions must hold at least one estimate");
        }
        repetitions = List.copyOf(repetitions);
    }

    /** Mean and population SD of the repetitions' ids and mean of their scales. */
    static SubsampledEstimate of(String estimator, int sampleSize, List<IdEstimate> repetitions) {
        double[] ids = repetitions.stream().mapToDouble(IdEstimate::id).toArray();
        double[] scales = repetitions.stream().mapToDouble(IdEstimate::scale).toArray();
        return new SubsampledEstimate(estimator, Subsets.mean(ids), Subsets.standardDeviation(ids),
                Subsets.mean(scales), sampleSize, repetitions);
    }
}
