package org.prunedistill.info;

/**
 * A trained linear two-class rule: class 1 when {@code w.x + bias > 0}, else class 0.
 *
 * @param weights one weight per feature (copied in and out)
 * @param bias    the offset
 */
public record LinearClassifier(double[] weights, double bias) {

    /** Copies the weights. */
    public LinearClassifier {
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** {@code w.x + bias}. */
    public double score(double[] x) {
        return LinearSupportVectorMachine.dot(weights, x) + bias;
    }

    /** The class of {@code x}: 1 when the score is positive, else 0. */
    public int decide(double[] x) {
        return score(x) > 0 ? 1 : 0;
    }
}
