package org.prunedistill.extraction.stimuli;

import java.util.Objects;

/**
 * A unit's receptive-field map over a square image and the low-level image features it sees (SCIENCE.md section 2,
 * after Tafazoli et al. 2017, Methods).
 *
 * <p>The map w holds one non-negative weight per pixel (row-major, side {@code imageSize}), normalised so that its
 * maximum is 1. For a grey image x with values in [0, 1] (white = 1):
 * <ul>
 *   <li><b>RF luminance</b> = 100 x sum_i w_i x_i / sum_i w_i: the dot product with the map divided by the same dot
 *       product for a full-field white image, in % (0 = black inside the RF, 100 = white);</li>
 *   <li><b>RF contrast</b> = 100 x population SD of the RF-weighted luminances w_i x_i over the pixels inside the RF
 *       (w_i &gt; 0), in % of white. For a window map (all weights 1) this is the RMS contrast of the window.</li>
 * </ul>
 * For an object mask m (per pixel the share the object covers, 0..1), the <b>RF coverage</b> = sum_i w_i m_i / sum_i
 * w_i is the share of the map's weight on the object, 0..1 (the map normalised to sum 1 times the mask; SCIENCE.md
 * 4.7: whether the unit sees the object at all).
 * Which map stands for a CNN unit is a parameter of the analysis; {@link #window} gives the spatial extent of the
 * unit's input window. Images with several channels (channel-major, as rendered by the stimulus sets) are taken as
 * their luminance first ({@link Luminance}: Rec. 601 luma of RGB, the grey plane of identical copies). Instances are immutable.
 */
public final class ReceptiveField {

    private static final double PERCENT = 100.0;

    private final int imageSize;
    private final double[] weights;
    private final double weightSum;

    private ReceptiveField(int imageSize, double[] weights) {
        this.imageSize = imageSize;
        this.weights = weights;
        double sum = 0.0;
        for (double w : weights) {
            sum += w;
        }
        this.weightSum = sum;
    }

    /**
     * A map from arbitrary non-negative weights, rescaled to maximum 1.
     *
     * @param weights   imageSize * imageSize weights, row-major
     * @param imageSize image side in pixels
     * @throws IllegalArgumentException if the length does not match, a weight is negative or not finite, or all
     *                                  weights are 0
     */
    public static ReceptiveField of(double[] weights, int imageSize) {
        Objects.requireNonNull(weights, "weights");
        if (imageSize < 1 || weights.length != imageSize * imageSize) {
            throw new IllegalArgumentException("weights must have imageSize^2 = " + imageSize + "^2 entries, had "
                    + weights.length);
        }
        double max = 0.0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0.0 && Double.isFinite(weights[i]))) {
                throw new IllegalArgumentException("weights[" + i + "] must be finite and >= 0, was " + weights[i]);
            }
            max = Math.max(max, weights[i]);
        }
        if (max == 0.0) {
            throw new IllegalArgumentException("weights must not all be 0");
        }
        double[] normalised = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            normalised[i] = weights[i] / max;
        }
        return new ReceptiveField(imageSize, normalised);
    }

    /**
     * The input window of a CNN unit: weight 1 on rows [row, row + height) and columns [col, col + width), clipped
     * to the image (padding contributes nothing), 0 elsewhere.
     *
     * @throws IllegalArgumentException if height or width is below 1 or the window misses the image entirely
     */
    public static ReceptiveField window(int row, int col, int height, int width, int imageSize) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("window height and width must be >= 1, were " + height + ", " + width);
        }
        int rowFrom = Math.max(0, row);
        int rowTo = Math.min(imageSize, row + height);
        int colFrom = Math.max(0, col);
        int colTo = Math.min(imageSize, col + width);
        if (imageSize < 1 || rowFrom >= rowTo || colFrom >= colTo) {
            throw new IllegalArgumentException("window rows [" + row + ", " + (row + height) + ") x columns [" + col
                    + ", " + (col + width) + ") lies outside the " + imageSize + " x " + imageSize + " image");
        }
        double[] weights = new double[imageSize * imageSize];
        for (int r = rowFrom; r < rowTo; r++) {
            for (int c = colFrom; c < colTo; c++) {
                weights[r * imageSize + c] = 1.0;
            }
        }
        return new ReceptiveField(imageSize, weights);
    }

    /** Image side in pixels. */
    public int imageSize() {
        return imageSize;
    }

    /** The normalised map (maximum 1), row-major; a copy. */
    public double[] weights() {
        return weights.clone();
    }

    /** Horizontal centre of mass of the map in degrees azimuth (right = +), for an image spanning the given angle. */
    public double azimuthDegrees(double fieldOfViewDegrees) {
        double weighted = 0.0;
        for (int i = 0; i < weights.length; i++) {
            weighted += weights[i] * (i % imageSize + 0.5);
        }
        return (weighted / weightSum - imageSize / 2.0) * fieldOfViewDegrees / imageSize;
    }

    /**
     * RF luminance of an image, % of the full-field white response.
     *
     * @param image channels x imageSize x imageSize values, channel-major (white = 1)
     * @throws IllegalArgumentException if the length is not a multiple of imageSize^2
     */
    public double luminance(float[] image) {
        double[] grey = grey(image);
        double dot = 0.0;
        for (int i = 0; i < grey.length; i++) {
            dot += weights[i] * grey[i];
        }
        return PERCENT * dot / weightSum;
    }

    /**
     * RF contrast of an image: SD of w_i x_i over the pixels with w_i &gt; 0, % of white.
     *
     * @param image channels x imageSize x imageSize values, channel-major (white = 1)
     * @throws IllegalArgumentException if the length is not a multiple of imageSize^2
     */
    public double contrast(float[] image) {
        double[] grey = grey(image);
        int inside = 0;
        double sum = 0.0;
        for (int i = 0; i < grey.length; i++) {
            if (weights[i] > 0.0) {
                inside++;
                sum += weights[i] * grey[i];
            }
        }
        double mean = sum / inside;
        double squares = 0.0;
        for (int i = 0; i < grey.length; i++) {
            if (weights[i] > 0.0) {
                double d = weights[i] * grey[i] - mean;
                squares += d * d;
            }
        }
        return PERCENT * Math.sqrt(squares / inside);
    }

    /**
     * RF coverage of an object mask: the share of the map's weight that lies on the object, in [0, 1].
     *
     * @param objectMask imageSize x imageSize values in [0, 1], row-major (1 = pixel wholly object)
     * @throws IllegalArgumentException if the length is not imageSize^2 or a value lies outside [0, 1]
     */
    public double coverage(float[] objectMask) {
        Objects.requireNonNull(objectMask, "objectMask");
        if (objectMask.length != weights.length) {
            throw new IllegalArgumentException("objectMask must have imageSize^2 = " + weights.length
                    + " values, had " + objectMask.length);
        }
        double dot = 0.0;
        for (int i = 0; i < weights.length; i++) {
            if (!(objectMask[i] >= 0.0f && objectMask[i] <= 1.0f)) {
                throw new IllegalArgumentException("objectMask[" + i + "] must be in [0, 1], was " + objectMask[i]);
            }
            dot += weights[i] * objectMask[i];
        }
        return dot / weightSum;
    }

    private double[] grey(float[] image) {
        Objects.requireNonNull(image, "image");
        int area = imageSize * imageSize;
        if (image.length == 0 || image.length % area != 0) {
            throw new IllegalArgumentException("image must have a multiple of imageSize^2 = " + area
                    + " values, had " + image.length);
        }
        return Luminance.of(image, area);
    }
}
