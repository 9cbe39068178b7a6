package org.prunedistill.info;

/**
 * The bootstrap standard error of a sample median in closed form: the limit of the resampling estimate as the number
 * of resamples grows, computed from the order statistics in O(n) after sorting (Maritz and Jarrett 1978, JASA 73:194,
 * for odd n; the same argument for the two middle order statistics of even n).
 *
 * <p>A bootstrap resample draws n indices of the sorted values {@code x_1 <= ... <= x_n} uniformly with replacement;
 * let {@code Y_k} be its k-th smallest index. Since {@code P(Y_k <= i) = P(Binomial(n, i/n) >= k)}, whose derivative
 * in p = i/n is the Beta(k, n - k + 1) density, {@code P(Y_k = i)} is that density's mass over
 * {@code ((i - 1)/n, i/n]}. For odd {@code n = 2m + 1} the resampled median is {@code x_{Y_{m+1}}}. For even
 * {@code n = 2m} it is {@code (x_{Y_m} + x_{Y_{m+1}}) / 2} (numpy's {@code 'linear'} convention), whose second moment
 * needs the joint law: for {@code i < j},
 * {@code P(Y_m = i, Y_{m+1} = j) = C(n, m) [(i/n)^m - ((i-1)/n)^m] [((n-j+1)/n)^(n-m) - ((n-j)/n)^(n-m)]}
 * (m draws in {@code [1, i]} with one at i, the other n - m in {@code [j, n]} with one at j), and
 * {@code P(Y_m = Y_{m+1} = i)} is the rest of {@code P(Y_m = i)}. The sum over j is carried as a running weighted
 * average from the top, so no term over- or underflows whatever n.
 *
 * <p>Each interval's mass is integrated by 8-point Gauss-Legendre quadrature in the Beta density's logarithm: exact
 * (to rounding) for n up to 16, where the density is a polynomial of degree below 16, and for larger n the interval is
 * a small part of the density's width (about {@code 1/sqrt(n)}), where the rule's error is below double precision.
 * The tests compare against full enumeration of every resample for small n and against resampling for large n.
 */
final class ExactMedianBootstrap {

    /** Gauss-Legendre nodes on [-1, 1] (positive half) and their weights, 8 points. */
    private static final double[] NODES = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
            0.9602898564975363};
    private static final double[] WEIGHTS = {0.3626837833783620, 0.3137066458778873, 0.2223810344533745,
            0.1012285362903763};

    private ExactMedianBootstrap() {
    }

    /**
     * The bootstrap standard error of the median of {@code sorted} (ascending, no NaN): the standard deviation of the
     * resampled median over all {@code n^n} equally likely resamples. 0 for one value.
     */
    static double standardError(double[] sorted) {
        int n = sorted.length;
        if (n < 2) {
            return n == 1 ? 0.0 : Double.NaN;
        }
        // Centre the values: the variance is unchanged and the sums do not lose digits to a large common offset.
        double centre = sorted[(n - 1) / 2];
        double mean;
        double square;
        if (n % 2 == 1) {
            double[] p = orderStatisticLaw(n, n / 2 + 1);
            mean = 0.0;
            square = 0.0;
            for (int i = 0; i < n; i++) {
                double x = sorted[i] - centre;
                mean += p[i] * x;
                square += p[i] * x * x;
            }
        } else {
            int m = n / 2;
            double[] lower = orderStatisticLaw(n, m);
            double[] upper = orderStatisticLaw(n, m + 1);
            double lowerMean = 0.0;
            double upperMean = 0.0;
            double lowerSquare = 0.0;
            double upperSquare = 0.0;
            for (int i = 0; i < n; i++) {
                double x = sorted[i] - centre;
                lowerMean += lower[i] * x;
                upperMean += upper[i] * x;
                lowerSquare += lower[i] * x * x;
                upperSquare += upper[i] * x * x;
            }
            mean = (lowerMean + upperMean) / 2;
            square = (lowerSquare + upperSquare + 2 * productMoment(sorted, centre, lower)) / 4;
        }
        return Math.sqrt(Math.max(0.0, square - mean * mean));
    }

    /**
     * {@code E[x_{Y_m} x_{Y_{m+1}}]} for {@code n = 2m}, values centred on {@code centre}; {@code lower} is the law of
     * {@code Y_m}.
     *
     * <p>With {@code R_i = ((n-i)/n)^(n-m)} and {@code A_i R_i = C(n,m) [(i/n)^m - ((i-1)/n)^m] R_i}, the pairs
     * {@code i < j} contribute {@code sum_i x_i A_i R_i T_i}, where {@code T_i = sum_{j>i} x_j (R_{j-1} - R_j) / R_i}
     * is an average of the values above i, updated from the top as
     * {@code T_i = rho_i T_{i+1} + (1 - rho_i) x_{i+1}}, {@code rho_i = R_{i+1} / R_i}; the pairs {@code i = j} take
     * the rest of {@code P(Y_m = i)}, {@code P(Y_m = i) - A_i R_i}.
     */
    private static double productMoment(double[] sorted, double centre, double[] lower) {
        int n = sorted.length;
        int m = n / 2;
        double logChoose = logChoose(n, m);
        double sum = 0.0;
        double above = sorted[n - 1] - centre;
        for (int i = n - 1; i >= 1; i--) {
            // 1-based index i: the values above it average to `above` (T_i).
            double x = sorted[i - 1] - centre;
            if (lower[i - 1] != 0.0) {
                // P(Y_m = i, Y_{m+1} > i) <= P(Y_m = i): nothing to add where Y_m never lands.
                double logPair = logChoose + m * Math.log((double) i / n)
                        + (n - m) * Math.log((double) (n - i) / n);
                double pairs = Math.exp(logPair) * -Math.expm1(m * Math.log1p(-1.0 / i));
                sum += x * pairs * above + x * x * (lower[i - 1] - pairs);
            }
            if (i > 1) {
                double rho = Math.exp((n - m) * Math.log1p(-1.0 / (n - i + 1)));
                above = rho * above + (1 - rho) * x;
            }
        }
        double last = sorted[n - 1] - centre;
        return sum + last * last * lower[n - 1];
    }

    /**
     * {@code P(Y_k = i)} for i = 1..n (index i - 1), the mass of the Beta(k, n - k + 1) density over
     * {@code ((i - 1)/n, i/n]}.
     */
    static double[] orderStatisticLaw(int n, int k) {
        double logNorm = Math.log(n) + logChoose(n - 1, k - 1);
        double half = 0.5 / n;
        double[] law = new double[n];
        // Outside k/n +- 20/sqrt(n) the mass is below 2 exp(-800) (Hoeffding's bound on the binomial behind
        // P(Y_k <= i)), zero in double precision: only about 40 sqrt(n) intervals are integrated.
        double reach = 20.0 / Math.sqrt(n);
        int from = Math.max(1, (int) Math.floor(((double) k / n - reach) * n));
        int to = Math.min(n, (int) Math.ceil(((double) k / n + reach) * n) + 1);
        for (int i = from; i <= to; i++) {
            double middle = (i - 0.5) / n;
            double mass = 0.0;
            for (int q = 0; q < NODES.length; q++) {
                mass += WEIGHTS[q] * (density(middle - half * NODES[q], n, k, logNorm)
                        + density(middle + half * NODES[q], n, k, logNorm));
            }
            law[i - 1] = mass * half;
        }
        return law;
    }

    private static double density(double t, int n, int k, double logNorm) {
        return Math.exp(logNorm + (k - 1) * Math.log(t) + (n - k) * Math.log1p(-t));
    }

    /** log C(n, k), summed in the order that keeps every term near log 2. */
    static double logChoose(int n, int k) {
        int r = Math.min(k, n - k);
        double sum = 0.0;
        double compensation = 0.0;
        for (int i = 1; i <= r; i++) {
            // Kahan summation: up to 4e5 terms for n = 8e5 without losing the last digits.
            double term = Math.log((double) (n - r + i) / i) - compensation;
            double next = sum + term;
            compensation = (next - sum) - term;
            sum = next;
        }
        return sum;
    }
}
