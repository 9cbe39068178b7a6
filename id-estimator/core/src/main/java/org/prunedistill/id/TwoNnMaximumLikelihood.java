package org.prunedistill.id;

import java.util.Map;

/**
 * TwoNN intrinsic dimension by maximum likelihood (SCIENCE.md 3.3; Facco et al. 2017, Sci Rep 7:12140; Denti et
 * al. 2022, Sci Rep 12:20005, where it is GRIDE with n1 = 1, n2 = 2).
 *
 * <p>The log-ratios log mu_i of the N distinct points are i.i.d. exponential with rate d, so their sum S is
 * Gamma(N, rate d) and the unbiased estimate over all points is {@code d = (N - 1) / S}. The (1 - alpha) interval is
 * {@code [d q(alpha/2), d q(1 - alpha/2)]} with q the quantiles of Gamma(shape N, rate N - 1), that is
 * {@code [q'(alpha/2) / S, q'(1 - alpha/2) / S]} with q' those of Gamma(N, 1).
 *
 * <p>Result: {@code error = (ciHigh - ciLow) / 2 / z(1 - alpha/2)} (z the standard normal quantile, 1.959964 for
 * alpha = 0.05), {@code scale} = mean of (r1 + r2) / 2 over all points, {@code pointsUsed = N},
 * {@code pointsDropped = 0}. Policy: mu = 1 (r1 == r2) contributes log mu = 0; if all ratios are 1, id and both
 * interval ends are {@code +Infinity} and the error is NaN.
 *
 * <p>Immutable; {@link #estimate} throws {@link IllegalArgumentException} for k < 2 or a zero r1.
 */
public final class TwoNnMaximumLikelihood implements IdEstimator {

    /** Default 1 - confidence level of the interval. */
    public static final double DEFAULT_ALPHA = 0.05;

    private final double alpha;

    private TwoNnMaximumLikelihood(double alpha) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The estimator with alpha 0.05 (95% interval). */
    public static TwoNnMaximumLikelihood withDefaults() {
        return new TwoNnMaximumLikelihood(DEFAULT_ALPHA);
    }

    /** A copy whose interval has level {@code 1 - alpha}, {@code 0 < alpha < 1}. */
    public TwoNnMaximumLikelihood withAlpha(double alpha) {
        return new TwoNnMaximumLikelihood(alpha);
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public String name() {
        return "twonn-mle";
    }

    @Override
    public IdEstimate estimate(Neighbourhoods neighbourhoods) {
        return estimateWithInterval(neighbourhoods).estimate();
    }

    /** The estimate together with its (1 - alpha) confidence interval. */
    public TwoNnMleEstimate estimateWithInterval(Neighbourhoods neighbourhoods) {
        double[] logMu = TwoNnRatios.logRatios(neighbourhoods);
        int n = logMu.length;
        double sum = 0.0;
        double scale = 0.0;
        for (int i = 0; i < n; i++) {
            sum += logMu[i];
            scale += TwoNnRatios.scale(neighbourhoods, i);
        }
        double id = (n - 1) / sum;
        GammaDistribution sampling = new GammaDistribution(n, n - 1);
        double ciLow = id * sampling.quantile(alpha / 2.0);
        double ciHigh = id * sampling.quantile(1.0 - alpha / 2.0);
        double error = (ciHigh - ciLow) / 2.0 / StandardNormal.quantile(1.0 - alpha / 2.0);
        IdEstimate estimate = new IdEstimate(name(), id, error, scale / n, n, 0,
                Map.of("alpha", Double.toString(alpha)));
        return new TwoNnMleEstimate(estimate, ciLow, ciHigh);
    }
}
