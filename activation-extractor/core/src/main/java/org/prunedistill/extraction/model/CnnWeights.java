package org.prunedistill.extraction.model;

import java.util.SplittableRandom;

/**
 * Every parameter of the {@link BuiltinCnn} architecture, in ONNX's layouts (all arrays flattened in C order).
 *
 * <pre>
 * conv1Weight  [8, 1, 5, 5]          conv1Bias  [8]
 * conv2Weight  [16, 8, 3, 3]         conv2Bias  [16]
 * fc1Weight    [64, 16 * s2 * s2]    fc1Bias    [64]        (Gemm transB = 1: [out, in]; s2 = (S / 2) / 2)
 * logitsWeight [classes, 64]         logitsBias [classes]   (Gemm transB = 1: [out, in])
 * </pre>
 * Conv weights are [out channel, in channel, kernel row, kernel column]; fc1's input index is the flattened pool2
 * map (channel, row, column). The arrays are copied in and out, so an instance is immutable.
 *
 * @param imageSize input side S in pixels, at least 4
 * @param classes   number of logits, at least 1
 */
public record CnnWeights(int imageSize, int classes, float[] conv1Weight, float[] conv1Bias, float[] conv2Weight,
                         float[] conv2Bias, float[] fc1Weight, float[] fc1Bias, float[] logitsWeight,
                         float[] logitsBias) {

    /** conv1 output channels. */
    public static final int CONV1_FILTERS = 8;
    /** conv1 kernel side (padding 2). */
    public static final int CONV1_KERNEL = 5;
    /** conv2 output channels. */
    public static final int CONV2_FILTERS = 16;
    /** conv2 kernel side (padding 1). */
    public static final int CONV2_KERNEL = 3;
    /** fc1 units. */
    public static final int FC1_UNITS = 64;
    /** Smallest input side. */
    public static final int MIN_IMAGE_SIZE = 4;

    /**
     * @throws IllegalArgumentException naming the parameter if a size is out of range or an array has the wrong
     *                                  length
     */
    public CnnWeights {
        if (imageSize < MIN_IMAGE_SIZE) {
            throw new IllegalArgumentException("imageSize must be >= " + MIN_IMAGE_SIZE + ", was " + imageSize);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, was " + classes);
        }
        int flat = flatUnits(imageSize);
        conv1Weight = checked(conv1Weight, "conv1Weight", CONV1_FILTERS * CONV1_KERNEL * CONV1_KERNEL);
        conv1Bias = checked(conv1Bias, "conv1Bias", CONV1_FILTERS);
        conv2Weight = checked(conv2Weight, "conv2Weight", CONV2_FILTERS * CONV1_FILTERS * CONV2_KERNEL * CONV2_KERNEL);
        conv2Bias = checked(conv2Bias, "conv2Bias", CONV2_FILTERS);
        fc1Weight = checked(fc1Weight, "fc1Weight", FC1_UNITS * flat);
        fc1Bias = checked(fc1Bias, "fc1Bias", FC1_UNITS);
        logitsWeight = checked(logitsWeight, "logitsWeight", classes * FC1_UNITS);
        logitsBias = checked(logitsBias, "logitsBias", classes);
    }

    /**
     * He-normal weights, N(0, 2 / fan_in) (He et al. 2015, ICCV, eq. 10), and zero biases, drawn in the order conv1,
     * conv2, fc1, logits from a SplitMix64 stream seeded with {@code seed}; Gaussians use Box-Muller on
     * {@link StrictMath}, so the same seed gives the same floats on every JVM.
     */
    public static CnnWeights heNormal(long seed, int imageSize, int classes) {
        if (imageSize < MIN_IMAGE_SIZE) {
            throw new IllegalArgumentException("imageSize must be >= " + MIN_IMAGE_SIZE + ", was " + imageSize);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, was " + classes);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int flat = flatUnits(imageSize);
        float[] conv1 = gaussians(random, CONV1_FILTERS * CONV1_KERNEL * CONV1_KERNEL, CONV1_KERNEL * CONV1_KERNEL);
        float[] conv2 = gaussians(random, CONV2_FILTERS * CONV1_FILTERS * CONV2_KERNEL * CONV2_KERNEL,
                CONV1_FILTERS * CONV2_KERNEL * CONV2_KERNEL);
        float[] fc1 = gaussians(random, FC1_UNITS * flat, flat);
        float[] logits = gaussians(random, classes * FC1_UNITS, FC1_UNITS);
        return new CnnWeights(imageSize, classes, conv1, new float[CONV1_FILTERS], conv2, new float[CONV2_FILTERS],
                fc1, new float[FC1_UNITS], logits, new float[classes]);
    }

    /** Inputs of fc1: the flattened pool2 map, 16 x s2 x s2 with s2 = (S / 2) / 2. */
    public static int flatUnits(int imageSize) {
        int s2 = imageSize / 2 / 2;
        return CONV2_FILTERS * s2 * s2;
    }

    @Override
    public float[] conv1Weight() {
        return conv1Weight.clone();
    }

    @Override
    public float[] conv1Bias() {
        return conv1Bias.clone();
    }

    @Override
    public float[] conv2Weight() {
        return conv2Weight.clone();
    }

    @Override
    public float[] conv2Bias() {
        return conv2Bias.clone();
    }

    @Override
    public float[] fc1Weight() {
        return fc1Weight.clone();
    }

    @Override
    public float[] fc1Bias() {
        return fc1Bias.clone();
    }

    @Override
    public float[] logitsWeight() {
        return logitsWeight.clone();
    }

    @Override
    public float[] logitsBias() {
        return logitsBias.clone();
    }

    private static float[] checked(float[] values, String name, int length) {
        if (values == null || values.length != length) {
            throw new IllegalArgumentException(name + " must have " + length + " values, had "
                    + (values == null ? "null" : Integer.toString(values.length)));
        }
        return values.clone();
    }

    /**
     * He-normal draws: N(0, 2 / fanIn), Box-Muller on StrictMath for bit-reproducibility (shared with
     * {@link DeepCnnWeights}).
     */
    static float[] gaussians(SplittableRandom random, int count, int fanIn) {
        double sd = Math.sqrt(2.0 / fanIn);
        float[] weights = new float[count];
        for (int i = 0; i < count; i++) {
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double z = StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
            weights[i] = (float) (sd * z);
        }
        return weights;
    }
}
