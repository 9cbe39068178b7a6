package org.prunedistill.info;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A linear two-class support vector machine: L2-regularised hinge loss, {@code min_w,b 1/2 (|w|^2 + b^2) + C sum_i
 * max(0, 1 - y_i (w.x_i + b))} with {@code y_i = +-1}, solved in the dual by coordinate descent (each alpha_i in turn,
 * clipped to {@code [0, C]}, random order per epoch) until the projected gradient spans less than
 * {@link #tolerance()} or {@link #maxEpochs()} passes. As in LIBLINEAR, the bias is a constant feature 1 and is
 * regularised with w.
 *
 * <p>Immutable; randomness (the visiting order) arrives as a parameter. Failure behaviour:
 * {@link IllegalArgumentException} for {@code C <= 0}, a non-positive tolerance or epoch count, rows of different
 * lengths, labels other than 0/1, or no rows; a training set of one class gives the constant classifier of that class
 * (its {@code alpha} pushes w towards it). Rows are not scaled here (see {@link PopulationDecoder}).
 *
 * <p>Reference: Hsieh, Chang, Lin, Keerthi and Sundararajan (2008), "A dual coordinate descent method for large-scale
 * linear SVM", ICML, Algorithm 1 (L1-loss); Fan et al. (2008), JMLR 9:1871-1874 (LIBLINEAR, bias as a feature).
 */
public final class LinearSupportVectorMachine {

    /** Cost of {@link #withDefaults()} (SCIENCE.md 5: C = 1). */
    public static final double DEFAULT_COST = 1.0;
    /** Stopping tolerance on the projected-gradient span of {@link #withDefaults()}. */
    public static final double DEFAULT_TOLERANCE = 1e-3;
    /** Epoch limit of {@link #withDefaults()}. */
    public static final int DEFAULT_MAX_EPOCHS = 1000;

    private final double cost;
    private final double tolerance;
    private final int maxEpochs;

    private LinearSupportVectorMachine(double cost, double tolerance, int maxEpochs) {
        if (!(cost > 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost must be positive and finite, got " + cost);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("maxEpochs must be at least 1, got " + maxEpochs);
        }
        this.cost = cost;
        this.tolerance = tolerance;
        this.maxEpochs = maxEpochs;
    }

    /** C = 1, tolerance 1e-3, at most 1000 epochs. */
    public static LinearSupportVectorMachine withDefaults() {
        return new LinearSupportVectorMachine(DEFAULT_COST, DEFAULT_TOLERANCE, DEFAULT_MAX_EPOCHS);
    }

    public LinearSupportVectorMachine withCost(double cost) {
        return new LinearSupportVectorMachine(cost, tolerance, maxEpochs);
    }

    public LinearSupportVectorMachine withTolerance(double tolerance) {
        return new LinearSupportVectorMachine(cost, tolerance, maxEpochs);
    }

    public LinearSupportVectorMachine withMaxEpochs(int maxEpochs) {
        return new LinearSupportVectorMachine(cost, tolerance, maxEpochs);
    }

    public double cost() {
        return cost;
    }

    public double tolerance() {
        return tolerance;
    }

    public int maxEpochs() {
        return maxEpochs;
    }

    /**
     * Trains on rows {@code x[i]} with classes {@code labels[i]} in {0, 1} (1 is the positive side).
     *
     * @return the weights and bias
     */
    public LinearClassifier fit(double[][] x, int[] labels, RandomGenerator rng) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(rng, "rng");
        int n = x.length;
        if (n == 0 || labels.length != n) {
            throw new IllegalArgumentException("x holds " + n + " rows and labels " + labels.length + "; need the same"
                    + " positive number");
        }
        int d = x[0].length;
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("x[" + i + "] has " + x[i].length + " features, x[0] has " + d);
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is not 0 or 1");
            }
            diagonal[i] = dot(x[i], x[i]) + 1.0;
        }
        double[] w = new double[d];
        double bias = 0.0;
        double[] alpha = new double[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < maxEpochs; epoch++) {
            TrialShuffling.shuffle(order, 0, n, rng);
            double maxGradient = Double.NEGATIVE_INFINITY;
            double minGradient = Double.POSITIVE_INFINITY;
            for (int i : order) {
                double y = labels[i] == 1 ? 1.0 : -1.0;
                double gradient = y * (dot(w, x[i]) + bias) - 1.0;
                double projected = alpha[i] == 0 ? Math.min(gradient, 0) : alpha[i] == cost ? Math.max(gradient, 0)
                        : gradient;
                maxGradient = Math.max(maxGradient, projected);
                minGradient = Math.min(minGradient, projected);
                if (projected != 0) {
                    double old = alpha[i];
                    alpha[i] = Math.min(Math.max(old - gradient / diagonal[i], 0.0), cost);
                    double step = (alpha[i] - old) * y;
                    for (int j = 0; j < d; j++) {
                        w[j] += step * x[i][j];
                    }
                    bias += step;
                }
            }
            if (maxGradient - minGradient < tolerance) {
                break;
            }
        }
        return new LinearClassifier(w, bias);
    }

    static double dot(double[] a, double[] b) {
        double sum = 0.0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    @Override
    public String toString() {
        return "LinearSupportVectorMachine[cost=" + cost + ", tolerance=" + tolerance + ", maxEpochs=" + maxEpochs
                + "]";
    }
}
