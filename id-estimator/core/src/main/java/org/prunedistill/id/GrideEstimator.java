package org.prunedistill.id;

import java.util.Map;

/**
 * GRIDE: intrinsic dimension by maximum likelihood on the ratios of the n2-th to the n1-th neighbour distance
 * (Denti, Doimo, Laio and Mira 2022, Sci Rep 12:20005; SCIENCE.md 3.5), as in DADApy's
 * {@code return_id_scaling_gride}. Orders (1, 2) give the TwoNN maximum-likelihood estimate (N - 1) / sum log mu.
 *
 * <p>With mu_i = r_n2(i) / r_n1(i) and the density
 * {@code f(mu | d) = d (mu^d - 1)^(n2-n1-1) / (B(n2-n1, n1) mu^((n2-1) d + 1))}, the estimate is the root of
 * {@code sum_i [(n1 - n2 + 1) / (1 - mu_i^(-d)) + n2 - 1] log mu_i = (N - 1) / d}, found by bisection on
 * [0.001, 1000] to 1e-7.
 *
 * <p>Policies (DADApy's, kept so its values are reproduced):
 * <ul>
 * <li>a ratio of exactly 1 (r_n1 == r_n2) is nudged to 1 + 10 eps;</li>
 * <li>overlaps: ratios at or above q50 + 20 (q95 - q50) are dropped before the likelihood is maximised (very likely
 *     points sitting on top of each other at the n1 scale); {@code pointsUsed} counts the ratios kept,
 *     {@code pointsDropped} those dropped;</li>
 * <li>{@code error} = 1 / sqrt(I(d)), the Fisher information summed over ALL ratios, dropped ones included;</li>
 * <li>{@code scale} = mean over all points of (r_n1 + r_n2) / 2;</li>
 * <li>when the root is not inside the bracket the estimate is the end towards which the likelihood rises (every
 *     ratio 1 gives 1000; DADApy's bisection would return 0.001 there).</li>
 * </ul>
 *
 * <p>Immutable; {@link #estimate} needs {@code k >= n2} neighbours per point and no zero r_n1, otherwise it throws
 * {@link IllegalArgumentException} naming {@code neighbourhoods}.
 */
public final class GrideEstimator implements IdEstimator {

    public static final int DEFAULT_N1 = 1;
    public static final int DEFAULT_N2 = 2;

    private final int n1;
    private final int n2;

    private GrideEstimator(int n1, int n2) {
        if (n1 < 1 || n2 <= n1) {
            throw new IllegalArgumentException("orders must satisfy 1 <= n1 < n2, got n1 = " + n1 + ", n2 = " + n2);
        }
        this.n1 = n1;
        this.n2 = n2;
    }

    /** The estimator with orders (1, 2), the TwoNN maximum likelihood with GRIDE's policies. */
    public static GrideEstimator withDefaults() {
        return new GrideEstimator(DEFAULT_N1, DEFAULT_N2);
    }

    /** A copy using the ratio of the n2-th to the n1-th neighbour distance, {@code 1 <= n1 < n2}. */
    public GrideEstimator withOrders(int n1, int n2) {
        return new GrideEstimator(n1, n2);
    }

    public int n1() {
        return n1;
    }

    public int n2() {
        return n2;
    }

    @Override
    public String name() {
        return "gride";
    }

    @Override
    public IdEstimate estimate(Neighbourhoods neighbourhoods) {
        if (neighbourhoods == null) {
            throw new IllegalArgumentException("neighbourhoods must not be null");
        }
        if (neighbourhoods.k() < n2) {
            throw new IllegalArgumentException("neighbourhoods: GRIDE(" + n1 + ", " + n2 + ") needs k >= " + n2
                    + " neighbours per point, got k = " + neighbourhoods.k());
        }
        double[] mu = GrideLikelihood.ratios(neighbourhoods, n1, n2);
        double[] kept = GrideLikelihood.withoutOverlaps(mu);
        double id = GrideLikelihood.maximise(kept, n1, n2);
        double error = 1.0 / Math.sqrt(GrideLikelihood.fisherInformation(id, mu, n1, n2));
        return new IdEstimate(name(), id, error, scale(neighbourhoods), kept.length, mu.length - kept.length,
                Map.of("n1", Integer.toString(n1), "n2", Integer.toString(n2)));
    }

    /** Mean over all points of (r_n1 + r_n2) / 2. */
    private double scale(Neighbourhoods neighbourhoods) {
        double sum = 0.0;
        for (double[] row : neighbourhoods.distances()) {
            sum += 0.5 * (row[n1 - 1] + row[n2 - 1]);
        }
        return sum / neighbourhoods.n();
    }
}
