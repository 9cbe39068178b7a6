package org.prunedistill.extraction.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.prunedistill.extraction.stimuli.Luminance;

/**
 * What each spatial position of a layer sees of every condition (SCIENCE.md sections 2 and 4.7): the RF luminance
 * and RF contrast of the condition's clean image inside the position's input window, the share of the window the
 * condition's object covers, and the window's horizontal centre in degrees azimuth. The map is the input window
 * ({@link UnitGrid}), all weights 1, so that RF luminance is the mean grey level in the window and RF contrast its
 * population standard deviation, both in % of white, and RF coverage the mean of the object mask in the window
 * (the map normalised to sum 1 times the mask), 0..1; these equal {@code ReceptiveField.window(...)} luminance,
 * contrast and coverage, computed here in one pass from summed-area tables in O(1) per window. Multi-channel images
 * are taken as their luminance first ({@link Luminance}: Rec. 601 luma of RGB, the grey plane of identical copies).
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
        int[][] rows = clippedSpans(grid.rows(), grid, imageSize, "row");
        int[][] columns = clippedSpans(grid.columns(), grid, imageSize, "column");
        float[] luminance = new float[positions * conditions];
        float[] contrast = new float[positions * conditions];
        float[] coverage = masked ? new float[positions * conditions] : null;
        for (int c = 0; c < conditions; c++) {
            float[] mask = masked ? Objects.requireNonNull(objectMasks.get(c), "object mask of condition " + c) : null;
            WindowSums sums = new WindowSums(grey(cleanImages.get(c), imageSize, c), mask, imageSize, c);
            for (int y = 0; y < grid.rows(); y++) {
                int rowFrom = rows[y][0];
                int rowTo = rows[y][1];
                for (int x = 0; x < grid.columns(); x++) {
                    int colFrom = columns[x][0];
                    int colTo = columns[x][1];
                    int at = (y * grid.columns() + x) * conditions + c;
                    double count = (double) (rowTo - rowFrom) * (colTo - colFrom);
                    double mean = sums.sum(sums.values, rowFrom, rowTo, colFrom, colTo) / count;
                    double meanSquare = sums.sum(sums.squares, rowFrom, rowTo, colFrom, colTo) / count;
                    luminance[at] = (float) (PERCENT * mean);
                    contrast[at] = (float) (PERCENT * Math.sqrt(Math.max(0.0, meanSquare - mean * mean)));
                    if (masked) {
                        coverage[at] = (float) share(sums.sum(sums.mask, rowFrom, rowTo, colFrom, colTo) / count);
                    }
                }
            }
        }
        float[] azimuth = new float[positions];
        for (int y = 0; y < grid.rows(); y++) {
            for (int x = 0; x < grid.columns(); x++) {
                double centre = 0.5 * (columns[x][0] + columns[x][1]);
                azimuth[y * grid.columns() + x] = (float) ((centre - imageSize / 2.0) * degreesPerPixel);
            }
        }
        return new UnitFeatureTable(positions, conditions, luminance, contrast, azimuth, Optional.ofNullable(coverage));
    }

    /** Per grid row (or column), the first and one-past-last pixel its windows cover inside the image. */
    private static int[][] clippedSpans(int cells, UnitGrid grid, int imageSize, String axis) {
        int[][] spans = new int[cells][];
        for (int cell = 0; cell < cells; cell++) {
            int from = clip(grid.from(cell), imageSize);
            int to = clip(grid.to(cell), imageSize);
            if (from >= to) {
                throw new IllegalArgumentException("grid " + axis + " " + cell + " sees no pixel of the " + imageSize
                        + " x " + imageSize + " image");
            }
            spans[cell] = new int[] {from, to};
        }
        return spans;
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
        return Luminance.of(image, area);
    }

    /**
     * Summed-area tables, (side + 1)^2 entries each, of the grey values, their squares and the object mask (if
     * any), filled in one sweep: any window's sums in four look-ups each.
     */
    private static final class WindowSums {
        private final int stride;
        private final double[] values;
        private final double[] squares;
        private final double[] mask;

        WindowSums(double[] grey, float[] objectMask, int side, int condition) {
            if (objectMask != null && objectMask.length != side * side) {
                throw new IllegalArgumentException("object mask of condition " + condition + " must hold "
                        + side * side + " values, had " + objectMask.length);
            }
            this.stride = side + 1;
            this.values = new double[stride * stride];
            this.squares = new double[stride * stride];
            this.mask = objectMask == null ? null : new double[stride * stride];
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    double v = grey[r * side + c];
                    int at = (r + 1) * stride + c + 1;
                    values[at] = v + values[at - 1] + values[at - stride] - values[at - stride - 1];
                    squares[at] = v * v + squares[at - 1] + squares[at - stride] - squares[at - stride - 1];
                    if (mask != null) {
                        float m = objectMask[r * side + c];
                        if (!(m >= 0.0f && m <= 1.0f)) {
                            throw new IllegalArgumentException("object mask of condition " + condition
                                    + " must lie in [0, 1], was " + m + " at pixel " + (r * side + c));
                        }
                        mask[at] = m + mask[at - 1] + mask[at - stride] - mask[at - stride - 1];
                    }
                }
            }
        }

        double sum(double[] table, int rowFrom, int rowTo, int colFrom, int colTo) {
            return table[rowTo * stride + colTo] - table[rowFrom * stride + colTo] - table[rowTo * stride + colFrom]
                    + table[rowFrom * stride + colFrom];
        }
    }
}
