package org.prunedistill.extraction.training;

import java.util.List;

/**
 * Adam (Kingma and Ba 2015, ICLR, Algorithm 1) with bias-corrected moments and optional decoupled weight decay
 * (AdamW, Loshchilov and Hutter 2019, ICLR, Algorithm 2) on the weight groups only:
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr (m / (1 - b1^t) / (sqrt(v / (1 - b2^t)) + eps) + wd p).
 * Holds the moments of one parameter vector; not thread-safe.
 */
final class AdamOptimizer {

    private final List<ParameterLayout.Group> groups;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final double[] m;
    private final double[] v;
    private int t;

    AdamOptimizer(ParameterLayout layout, double beta1, double beta2, double epsilon, double weightDecay) {
        this(layout.groups(), layout.size, beta1, beta2, epsilon, weightDecay);
    }

    /** For any parameter vector of {@code size} values split into {@code groups} (weights decay, biases do not). */
    AdamOptimizer(List<ParameterLayout.Group> groups, int size, double beta1, double beta2, double epsilon,
                  double weightDecay) {
        this.groups = List.copyOf(groups);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.m = new double[size];
        this.v = new double[size];
    }

    /** Updates done so far (Adam's t). */
    int updates() {
        return t;
    }

    /** First moments (live buffer: read to save, write to restore). */
    double[] firstMoments() {
        return m;
    }

    /** Second moments (live buffer: read to save, write to restore). */
    double[] secondMoments() {
        return v;
    }

    /** Restores the update count of a saved optimiser (its moments are restored through the buffers). */
    void restoreUpdates(int updates) {
        if (updates < 0) {
            throw new IllegalArgumentException("updates must be >= 0, was " + updates);
        }
        t = updates;
    }

    /** One update of {@code p} in place with gradient {@code g} and step size {@code lr}. */
    void update(double[] p, double[] g, double lr) {
        t++;
        double c1 = 1.0 - StrictMath.pow(beta1, t);
        double c2 = 1.0 - StrictMath.pow(beta2, t);
        for (ParameterLayout.Group group : groups) {
            double decay = group.weight() ? weightDecay : 0.0;
            for (int i = group.offset(); i < group.offset() + group.length(); i++) {
                m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
                p[i] -= lr * (m[i] / c1 / (Math.sqrt(v[i] / c2) + epsilon) + decay * p[i]);
            }
        }
    }
}
