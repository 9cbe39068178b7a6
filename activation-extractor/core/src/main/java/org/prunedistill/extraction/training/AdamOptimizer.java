package org.prunedistill.extraction.training;

/**
 * Adam (Kingma and Ba 2015, ICLR, Algorithm 1) with bias-corrected moments and optional decoupled weight decay
 * (AdamW, Loshchilov and Hutter 2019, ICLR, Algorithm 2) on the weight groups only:
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr (m / (1 - b1^t) / (sqrt(v / (1 - b2^t)) + eps) + wd p).
 * Holds the moments of one parameter vector; not thread-safe.
 */
final class AdamOptimizer {

    private final ParameterLayout layout;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final double[] m;
    private final double[] v;
    private int t;

    AdamOptimizer(ParameterLayout layout, double beta1, double beta2, double epsilon, double weightDecay) {
        this.layout = layout;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.m = new double[layout.size];
        this.v = new double[layout.size];
    }

    /** One update of {@code p} in place with gradient {@code g} and step size {@code lr}. */
    void update(double[] p, double[] g, double lr) {
        t++;
        double c1 = 1.0 - StrictMath.pow(beta1, t);
        double c2 = 1.0 - StrictMath.pow(beta2, t);
        for (ParameterLayout.Group group : layout.groups()) {
            double decay = group.weight() ? weightDecay : 0.0;
            for (int i = group.offset(); i < group.offset() + group.length(); i++) {
                m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
                p[i] -= lr * (m[i] / c1 / (Math.sqrt(v[i] / c2) + epsilon) + decay * p[i]);
            }
        }
    }
}
