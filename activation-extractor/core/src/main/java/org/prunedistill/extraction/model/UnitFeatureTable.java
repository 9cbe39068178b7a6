package org.prunedistill.extraction.model;

import java.util.List;
import java.util.Objects;

/**
 * What each spatial position of a layer sees of every condition (SCIENCE.md section 2): the RF luminance and RF
 * contrast of the condition's clean image inside the position's input window, and the window's horizontal centre in
 * degrees azimuth. The map is the input window ({@link UnitGrid}), all weights 1, so that RF luminance is the mean
 * grey level in the window and RF contrast its population standard deviation, both in % of white; this equals
 * {@code ReceptiveField.window(...)} luminance and contrast, computed here from integral images in O(1) per window.
 * Multi-channel images are averaged over channels first.
 *
 * @param positions  spatial positions P of the layer
 * @param conditions conditions C
 * @param luminance  P x C, row-major, % of white
 * @param contrast   P x C, row-major, % of white
 * @param azimuth    P window centres, degrees azimuth (right = +)
 */
public record UnitFeatureTable(int positions, int conditions, float[] luminance, float[] contrast, float[] azimuth) {

    /** Name of the map in {@code UnitFeatures.rf_map}. */
    public static final String INPUT_WINDOW = "input-window";
    private static final double PERCENT = 100.0;

    /**
     * Computes the table.
     *
     * @param grid            the layer's positions and windows
     * @param cleanImages     one clean image per condition, channels x side x side, channel-major, values in [0, 1]
     * @param imageSize       image side in pixels
     * @param degreesPerPixel visual angle of one pixel
     * @throws IllegalArgumentException if an image has the wrong length or a window misses the image
     */
    public static UnitFeatureTable compute(UnitGrid grid, List<float[]> cleanImages, int imageSize,
                                           double degreesPerPixel) {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(cleanImages, "cleanImages");
        int positions = grid.positions();
        int conditions = cleanImages.size();
        float[] luminance = new float[positions * conditions];
        float[] contrast = new float[positions * conditions];
        for (int c = 0; c < conditions; c++) {
            Integral integral = new Integral(grey(cleanImages.get(c), imageSize, c), imageSize);
            for (int y = 0; y < grid.rows(); y++) {
                for (int x = 0; x < grid.columns(); x++) {
                    int p = y * grid.columns() + x;
                    int rowFrom = clip(grid.from(y), imageSize);
                    int rowTo = clip(grid.to(y), imageSize);
                    int colFrom = clip(grid.from(x), imageSize);
                    int colTo = clip(grid.to(x), imageSize);
                    if (rowFrom >= rowTo || colFrom >= colTo) {
                        throw new IllegalArgumentException("position (" + y + ", " + x + ") sees no pixel of the "
                                + imageSize + " x " + imageSize + " image");
                    }
                    double count = (double) (rowTo - rowFrom) * (colTo - colFrom);
                    double mean = integral.sum(integral.values, rowFrom, rowTo, colFrom, colTo) / count;
                    double meanSquare = integral.sum(integral.squares, rowFrom, rowTo, colFrom, colTo) / count;
                    luminance[p * conditions + c] = (float) (PERCENT * mean);
                    contrast[p * conditions + c] = (float) (PERCENT * Math.sqrt(Math.max(0.0, meanSquare - mean * mean)));
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
        return new UnitFeatureTable(positions, conditions, luminance, contrast, azimuth);
    }

    private static int clip(int pixel, int imageSize) {
        return Math.max(0, Math.min(imageSize, pixel));
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

    /** Summed-area tables of the grey values and their squares, (side + 1)^2 each. */
    private static final class Integral {
        private final int stride;
        private final double[] values;
        private final double[] squares;

        Integral(double[] grey, int side) {
            this.stride = side + 1;
            this.values = new double[stride * stride];
            this.squares = new double[stride * stride];
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    double v = grey[r * side + c];
                    int at = (r + 1) * stride + c + 1;
                    values[at] = v + values[at - 1] + values[at - stride] - values[at - stride - 1];
                    squares[at] = v * v + squares[at - 1] + squares[at - stride] - squares[at - stride - 1];
                }
            }
        }

        double sum(double[] table, int rowFrom, int rowTo, int colFrom, int colTo) {
            return table[rowTo * stride + colTo] - table[rowFrom * stride + colTo] - table[rowTo * stride + colFrom]
                    + table[rowFrom * stride + colFrom];
        }
    }
}
