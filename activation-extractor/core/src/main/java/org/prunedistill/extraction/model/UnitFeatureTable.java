package org.prunedistill.extraction.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What each spatial position of a layer sees of every condition (SCIENCE.md sections 2 and 4.7): the RF luminance
 * and RF contrast of the condition's clean image inside the position's input window, the share of the window the
 * condition's object covers, and the window's horizontal centre in degrees azimuth. The map is the input window
 * ({@link UnitGrid}), all weights 1, so that RF luminance is the mean grey level in the window and RF contrast its
 * population standard deviation, both in % of white, and RF coverage the mean of the object mask in the window
 * (the map normalised to sum 1 times the mask), 0..1; these equal {@code ReceptiveField.window(...)} luminance,
 * contrast and coverage, computed here in one pass from summed-area tables in O(1) per window. Multi-channel images
 * are averaged over channels first.
 *
 * @param positions  spatial positions P of the layer
 * @param conditions conditions C
 * @param luminance  P x C, row-major, % of white
 * @param contrast   P x C, row-major, % of white
 * @param azimuth    P window centres, degrees azimuth (right = +)
 * @param coverage   P x C, row-major, share of the window on the object in [0, 1]; empty without object masks
 */
public record UnitFeatureTable(int positions, int conditions, float[] luminance, float[] contrast, float[] azimuth,
                               Optional<float[]> coverage) {

    /** Name of the map in {@code UnitFeatures.rf_map}. */
    public static final String INPUT_WINDOW = "input-window";
    private static final double PERCENT = 100.0;

    /**
     * Computes the table.
     *
     * @param grid            the layer's positions and windows
     * @param cleanImages     one clean image per condition, channels x side x side, channel-major, values in [0, 1]
     * @param objectMasks     one object mask per condition (side x side, row-major, the share of each pixel the
     *                        object covers, in [0, 1]), or an empty list when the stimuli carry none
     * @param imageSize       image side in pixels
     * @param degreesPerPixel visual angle of one pixel
     * @throws IllegalArgumentException if an image or mask has the wrong length, a mask value lies outside [0, 1],
     *                                  the masks are not one per condition, or a window misses the image
     */
    public static UnitFeatureTable compute(UnitGrid grid, List<float[]> cleanImages, List<float[]> objectMasks,
                                           int imageSize, double degreesPerPixel) {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(cleanImages, "cleanImages");
        Objects.requireNonNull(objectMasks, "objectMasks");
        int positions = grid.positions();
        int conditions = cleanImages.size();
        boolean masked = !objectMasks.isEmpty();
        if (masked && objectMasks.size() != conditions) {
            throw new IllegalArgumentException("objectMasks must be one per condition (" + conditions + ") or none, "
                    + "were " + objectMasks.size());
        }
        float[] luminance = new float[positions * conditions];
        float[] contrast = new float[positions * conditions];
        float[] coverage = masked ? new float[positions * conditions] : null;
        for (int c = 0; c < conditions; c++) {
            double[] grey = grey(cleanImages.get(c), imageSize, c);
            SummedArea values = new SummedArea(grey, imageSize);
            SummedArea squares = new SummedArea(squared(grey), imageSize);
            SummedArea mask = masked ? new SummedArea(mask(objectMasks.get(c), imageSize, c), imageSize) : null;
            for (int y = 0; y < grid.rows(); y++) {
                for (int x = 0; x < grid.columns(); x++) {
                    int rowFrom = clip(grid.from(y), imageSize);
                    int rowTo = clip(grid.to(y), imageSize);
                    int colFrom = clip(grid.from(x), imageSize);
                    int colTo = clip(grid.to(x), imageSize);
                    if (rowFrom >= rowTo || colFrom >= colTo) {
                        throw new IllegalArgumentException("position (" + y + ", " + x + ") sees no pixel of the "
                                + imageSize + " x " + imageSize + " image");
                    }
                    int at = (y * grid.columns() + x) * conditions + c;
                    double count = (double) (rowTo - rowFrom) * (colTo - colFrom);
                    double mean = values.sum(rowFrom, rowTo, colFrom, colTo) / count;
                    double meanSquare = squares.sum(rowFrom, rowTo, colFrom, colTo) / count;
                    luminance[at] = (float) (PERCENT * mean);
                    contrast[at] = (float) (PERCENT * Math.sqrt(Math.max(0.0, meanSquare - mean * mean)));
                    if (masked) {
                        coverage[at] = (float) share(mask.sum(rowFrom, rowTo, colFrom, colTo) / count);
                    }
                }
            }
        }
        float[] azimuth = new float[positions];
        for (int y = 0; y < grid.rows(); y++) {
            for (int x = 0; x < grid.columns(); x++) {
                double centre = 0.5 * (clip(grid.from(x), imageSize) + clip(grid.to(x), imageSize));
                azimuth[y * grid.columns() + x] = (float) ((centre - imageSize / 2.0) * degreesPerPixel);
            }
        }
        return new UnitFeatureTable(positions, conditions, luminance, contrast, azimuth, Optional.ofNullable(coverage));
    }

    private static int clip(int pixel, int imageSize) {
        return Math.max(0, Math.min(imageSize, pixel));
    }

    /** A mean of values in [0, 1] taken from summed-area differences, kept in [0, 1] against their rounding. */
    private static double share(double mean) {
        return Math.max(0.0, Math.min(1.0, mean));
    }

    private static double[] grey(float[] image, int imageSize, int condition) {
        int area = imageSize * imageSize;
        if (image == null || image.length == 0 || image.length % area != 0) {
            throw new IllegalArgumentException("clean image of condition " + condition + " must hold a multiple of "
                    + area + " values");
        }
        int channels = image.length / area;
        double[] grey = new double[area];
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < area; i++) {
                grey[i] += image[ch * area + i];
            }
        }
        for (int i = 0; i < area; i++) {
            grey[i] /= channels;
        }
        return grey;
    }

    private static double[] squared(double[] values) {
        double[] squares = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            squares[i] = values[i] * values[i];
        }
        return squares;
    }

    private static double[] mask(float[] objectMask, int imageSize, int condition) {
        if (objectMask == null || objectMask.length != imageSize * imageSize) {
            throw new IllegalArgumentException("object mask of condition " + condition + " must hold "
                    + imageSize * imageSize + " values");
        }
        double[] mask = new double[objectMask.length];
        for (int i = 0; i < mask.length; i++) {
            if (!(objectMask[i] >= 0.0f && objectMask[i] <= 1.0f)) {
                throw new IllegalArgumentException("object mask of condition " + condition + " must lie in [0, 1], "
                        + "was " + objectMask[i] + " at pixel " + i);
            }
            mask[i] = objectMask[i];
        }
        return mask;
    }

    /** Summed-area table of a side x side image, (side + 1)^2 entries: any window's sum in four look-ups. */
    private static final class SummedArea {
        private final int stride;
        private final double[] table;

        SummedArea(double[] values, int side) {
            this.stride = side + 1;
            this.table = new double[stride * stride];
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int at = (r + 1) * stride + c + 1;
                    table[at] = values[r * side + c] + table[at - 1] + table[at - stride] - table[at - stride - 1];
                }
            }
        }

        double sum(int rowFrom, int rowTo, int colFrom, int colTo) {
            return table[rowTo * stride + colTo] - table[rowFrom * stride + colTo] - table[rowTo * stride + colFrom]
                    + table[rowFrom * stride + colFrom];
        }
    }
}
