package org.prunedistill.claimcheck;

/**
 * The activations of one source, assembled from its batches: {@code [conditions, trials, units]} float32 in C order.
 * Row {@code c} is condition {@code c} of the stimulus metadata.
 */
public record SourceTensor(int conditions, int trials, int units, float[] data) {

    public SourceTensor {
        if ((long) conditions * trials * units != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " values, shape [" + conditions + ", "
                    + trials + ", " + units + "] needs " + (long) conditions * trials * units);
        }
    }

    public float value(int condition, int trial, int unit) {
        return data[(condition * trials + trial) * units + unit];
    }

    /** Mean over trials: one point per condition, row-major {@code [conditions, units]}. */
    public float[] conditionMeans() {
        float[] means = new float[conditions * units];
        for (int c = 0; c < conditions; c++) {
            for (int t = 0; t < trials; t++) {
                int offset = (c * trials + t) * units;
                for (int u = 0; u < units; u++) {
                    means[c * units + u] += data[offset + u];
                }
            }
        }
        for (int i = 0; i < means.length; i++) {
            means[i] /= trials;
        }
        return means;
    }

    /** Every response of one unit, condition-major: index {@code c * trials + t}. */
    public double[] unitResponses(int unit, double[] into) {
        for (int row = 0; row < conditions * trials; row++) {
            into[row] = data[row * units + unit];
        }
        return into;
    }
}
