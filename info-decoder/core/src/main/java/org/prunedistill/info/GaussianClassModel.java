package org.prunedistill.info;


/**
 * Two one-dimensional Gaussian classes fitted by maximum likelihood (class share, mean, variance) on a subset of
 * trials, deciding a response by the larger log posterior {@code log P(c) - log(sigma_c) - (x - mu_c)^2 /
 * (2 sigma_c^2)} (the log posterior ratio's zero crossing; ties go to class 0). A class variance of 0 is raised to
 * {@link SingleUnitDecoder#MIN_VARIANCE}; a class absent from the training trials is never decoded.
 */
final class GaussianClassModel {

    private final double[] logPriorOverSigma;
    private final double[] mean;
    private final double[] variance;
    private final boolean[] present;

    private GaussianClassModel(double[] logPrior, double[] mean, double[] variance, boolean[] present) {
        // log P(c) - log(sigma_c) depends on the class only: computed once here, not twice per decoded trial.
        this.logPriorOverSigma = new double[] {logPrior[0] - 0.5 * Math.log(variance[0]),
            logPrior[1] - 0.5 * Math.log(variance[1])};
        this.mean = mean;
        this.variance = variance;
        this.present = present;
    }

    /**
     * Fits on the trials listed in {@code train} (indices into {@code values} and {@code labels}, ascending, so the
     * sums run in trial order whichever way the list was made).
     */
    static GaussianClassModel fit(double[] values, int[] labels, int[] train) {
        double[] n = new double[2];
        double[] sum = new double[2];
        for (int t : train) {
            n[labels[t]]++;
            sum[labels[t]] += values[t];
        }
        double[] mean = {sum[0] / n[0], sum[1] / n[1]};
        double[] squares = new double[2];
        for (int t : train) {
            double d = values[t] - mean[labels[t]];
            squares[labels[t]] += d * d;
        }
        double total = n[0] + n[1];
        double[] logPrior = {Math.log(n[0] / total), Math.log(n[1] / total)};
        double[] variance = {Math.max(squares[0] / n[0], SingleUnitDecoder.MIN_VARIANCE),
            Math.max(squares[1] / n[1], SingleUnitDecoder.MIN_VARIANCE)};
        return new GaussianClassModel(logPrior, mean, variance, new boolean[] {n[0] > 0, n[1] > 0});
    }

    /** The decoded class of response {@code x}. */
    int decode(double x) {
        if (!present[0] || !present[1]) {
            return present[0] ? 0 : 1;
        }
        return logPosterior(1, x) > logPosterior(0, x) ? 1 : 0;
    }

    private double logPosterior(int c, double x) {
        double d = x - mean[c];
        return logPriorOverSigma[c] - d * d / (2 * variance[c]);
    }
}
