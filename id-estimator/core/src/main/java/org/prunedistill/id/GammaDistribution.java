package org.prunedistill.id;

/**
 * The Gamma distribution with a shape and a rate (density {@code rate^shape x^(shape-1) e^(-rate x) / Gamma(shape)}),
 * enough of it for the TwoNN maximum-likelihood confidence interval: CDF and quantile.
 *
 * <p>The CDF is the regularized lower incomplete gamma function P(a, x), evaluated by its power series for
 * {@code x < a + 1} and otherwise as 1 - Q(a, x) with Q from Legendre's continued fraction, evaluated by the
 * modified Lentz method (Press et al., Numerical Recipes, 3rd ed. 2007, section 6.2).
 * ln Gamma uses Stirling's series (Abramowitz and Stegun 1964, 6.1.40) for arguments of at least 15 and the
 * recurrence Gamma(x + 1) = x Gamma(x) below. The quantile is found by Newton's method safeguarded by bisection,
 * on Q instead of P in the upper tail.
 */
final class GammaDistribution {

    private static final double EPSILON = 1e-16;
    private static final double TINY = 1e-300;
    private static final double STIRLING_MIN = 15.0;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2.0 * Math.PI);
    /** B_2j / (2j (2j - 1)) for j = 1..7, the coefficients of Stirling's series in 1/x^(2j-1). */
    private static final double[] STIRLING = {
        1.0 / 12.0, -1.0 / 360.0, 1.0 / 1260.0, -1.0 / 1680.0, 1.0 / 1188.0, -691.0 / 360360.0, 1.0 / 156.0,
    };
    private static final int MAX_QUANTILE_STEPS = 500;

    private final double shape;
    private final double rate;

    GammaDistribution(double shape, double rate) {
        if (!(shape > 0.0) || !(rate > 0.0) || Double.isInfinite(shape) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    "shape (" + shape + ") and rate (" + rate + ") must be positive and finite");
        }
        this.shape = shape;
        this.rate = rate;
    }

    double cdf(double x) {
        return x <= 0.0 ? 0.0 : regularizedLowerGamma(shape, rate * x);
    }

    /** The x with {@code cdf(x) = p}, for {@code 0 < p < 1}. */
    double quantile(double p) {
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        return standardQuantile(p) / rate;
    }

    /** Quantile of Gamma(shape, rate 1): safeguarded Newton on P(shape, x) - p. */
    private double standardQuantile(double p) {
        double low = 0.0;
        double high = Math.max(1.0, shape);
        while (regularizedLowerGamma(shape, high) < p) {
            low = high;
            high *= 2.0;
        }
        double x = Math.max(shape, Double.MIN_NORMAL);
        x = x > low && x < high ? x : 0.5 * (low + high);
        for (int step = 0; step < MAX_QUANTILE_STEPS; step++) {
            double residual = residual(x, p);
            if (residual < 0.0) {
                low = x;
            } else {
                high = x;
            }
            double density = Math.exp((shape - 1.0) * Math.log(x) - x - lnGamma(shape));
            double next = x - residual / density;
            if (!(next > low && next < high)) {
                next = 0.5 * (low + high);
            }
            if (Math.abs(next - x) <= 4.0 * Math.ulp(x) || high - low <= 4.0 * Math.ulp(high)) {
                return next;
            }
            x = next;
        }
        return x;
    }

    /** P(shape, x) - p, computed as (1 - p) - Q(shape, x) in the upper tail to keep relative precision. */
    private double residual(double x, double p) {
        return p <= 0.5 ? regularizedLowerGamma(shape, x) - p : (1.0 - p) - regularizedUpperGamma(shape, x);
    }

    /** ln Gamma(x) for x > 0. */
    static double lnGamma(double x) {
        if (!(x > 0.0)) {
            throw new IllegalArgumentException("x must be positive, got " + x);
        }
        double shift = 0.0;
        while (x < STIRLING_MIN) {
            shift += Math.log(x);
            x += 1.0;
        }
        double inverse = 1.0 / x;
        double inverseSquared = inverse * inverse;
        double series = 0.0;
        double power = inverse;
        for (double coefficient : STIRLING) {
            series += coefficient * power;
            power *= inverseSquared;
        }
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - shift;
    }

    /** P(a, x) = gamma(a, x) / Gamma(a), the CDF of Gamma(a, rate 1) at x. */
    static double regularizedLowerGamma(double a, double x) {
        if (x <= 0.0) {
            return 0.0;
        }
        return x < a + 1.0 ? lowerSeries(a, x) : 1.0 - upperContinuedFraction(a, x);
    }

    /** Q(a, x) = 1 - P(a, x). */
    static double regularizedUpperGamma(double a, double x) {
        if (x <= 0.0) {
            return 1.0;
        }
        return x < a + 1.0 ? 1.0 - lowerSeries(a, x) : upperContinuedFraction(a, x);
    }

    /** e^-x x^a / Gamma(a), the common prefactor. */
    private static double prefactor(double a, double x) {
        return Math.exp(a * Math.log(x) - x - lnGamma(a));
    }

    /** P(a, x) = prefactor / a * sum_n x^n / ((a + 1) ... (a + n)). */
    private static double lowerSeries(double a, double x) {
        double term = 1.0 / a;
        double sum = term;
        for (int n = 1; n < maxIterations(a); n++) {
            term *= x / (a + n);
            sum += term;
            if (term < sum * EPSILON) {
                return sum * prefactor(a, x);
            }
        }
        throw new ArithmeticException("series for P(" + a + ", " + x + ") did not converge");
    }

    /** Q(a, x) = prefactor / (x + 1 - a - 1 (1 - a) / (x + 3 - a - 2 (2 - a) / (x + 5 - a - ...))). */
    private static double upperContinuedFraction(double a, double x) {
        double b = x + 1.0 - a;
        double c = 1.0 / TINY;
        double d = 1.0 / b;
        double fraction = d;
        for (int i = 1; i < maxIterations(a); i++) {
            double an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1.0 / d;
            double delta = d * c;
            fraction *= delta;
            if (Math.abs(delta - 1.0) < EPSILON) {
                return fraction * prefactor(a, x);
            }
        }
        throw new ArithmeticException("continued fraction for Q(" + a + ", " + x + ") did not converge");
    }

    /** Both expansions need O(sqrt(a)) terms near x = a; this bound is generous. */
    private static int maxIterations(double a) {
        return 1_000 + (int) Math.min(1e8, 100.0 * Math.sqrt(a));
    }
}
