package org.prunedistill.claimcheck;

/**
 * The activations of one source, assembled from its batches: {@code [conditions, trials, units]} float32 in C order.
 * Row {@code c} is condition {@code c} of the stimulus metadata. NaN marks a missing trial of a recorded unit
 * (SCIENCE.md: neurons are not recorded on every presentation); CNN layers have none. Holds the whole source: for
 * a large one use a {@link SpilledSource}, which serves the same {@link SourceActivations} from a file.
 */
public record SourceTensor(int conditions, int trials, int units, float[] data) implements SourceActivations {

    public SourceTensor {
        if ((long) conditions * trials * units != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " values, shape [" + conditions + ", "
                    + trials + ", " + units + "] needs " + (long) conditions * trials * units);
        }
    }

    @Override
    public SourceTensor gather(int[] indices) {
        SourceActivations.requireAscending(indices, units);
        float[] picked = new float[Math.multiplyExact(conditions * trials, indices.length)];
        for (int row = 0; row < conditions * trials; row++) {
            for (int i = 0; i < indices.length; i++) {
                picked[row * indices.length + i] = data[row * units + indices[i]];
            }
        }
        return new SourceTensor(conditions, trials, indices.length, picked);
    }

    @Override
    public SourceTensor unitBlock(int from, int to) {
        if (from < 0 || to > units || from > to) {
            throw new IllegalArgumentException("unit block [" + from + ", " + to + ") outside 0.." + units);
        }
        if (from == 0 && to == units) {
            return this;
        }
        int width = to - from;
        float[] block = new float[Math.multiplyExact(conditions * trials, width)];
        for (int row = 0; row < conditions * trials; row++) {
            System.arraycopy(data, row * units + from, block, row * width, width);
        }
        return new SourceTensor(conditions, trials, width, block);
    }

    public float value(int condition, int trial, int unit) {
        return data[(condition * trials + trial) * units + unit];
    }

    /**
     * Mean over the valid (non-NaN) trials: one point per condition, row-major {@code [conditions, units]}; NaN where
     * a unit has no valid trial of a condition.
     */
    @Override
    public float[] conditionMeans() {
        float[] means = new float[conditions * units];
        int[] valid = new int[conditions * units];
        for (int c = 0; c < conditions; c++) {
            for (int t = 0; t < trials; t++) {
                int offset = (c * trials + t) * units;
                for (int u = 0; u < units; u++) {
                    float x = data[offset + u];
                    if (!Float.isNaN(x)) {
                        means[c * units + u] += x;
                        valid[c * units + u]++;
                    }
                }
            }
        }
        for (int i = 0; i < means.length; i++) {
            means[i] = valid[i] == 0 ? Float.NaN : means[i] / valid[i];
        }
        return means;
    }

    /** Every response of one unit, condition-major: index {@code c * trials + t}; NaN for a missing trial. */
    public double[] unitResponses(int unit, double[] into) {
        for (int row = 0; row < conditions * trials; row++) {
            into[row] = data[row * units + unit];
        }
        return into;
    }
}
