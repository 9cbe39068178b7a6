package org.prunedistill.extraction.stimuli;

/**
 * The luminance plane of a channel-major image with values in [0, 1]: Rec. 601 luma (0.299 R + 0.587 G + 0.114 B)
 * of a three-channel (RGB) image, the mean of the channels otherwise (a grey image and its identical copies give the
 * grey image itself). What RF luminance, RF contrast and an image's metadata are computed on (SCIENCE.md 2).
 */
public final class Luminance {

    /** Rec. 601 weight of red. */
    public static final double RED = 0.299;
    /** Rec. 601 weight of green. */
    public static final double GREEN = 0.587;
    /** Rec. 601 weight of blue. */
    public static final double BLUE = 0.114;
    private static final int RGB = 3;

    private Luminance() {
    }

    /**
     * The luminance of every pixel.
     *
     * @param image channels x area values, channel-major; its length must be a positive multiple of {@code area}
     * @param area  pixels per channel
     * @throws IllegalArgumentException if the length is not a positive multiple of the area
     */
    public static double[] of(float[] image, int area) {
        if (area < 1 || image.length == 0 || image.length % area != 0) {
            throw new IllegalArgumentException("an image of " + image.length + " values is not whole channels of "
                    + area + " pixels");
        }
        int channels = image.length / area;
        double[] plane = new double[area];
        if (channels == RGB) {
            for (int i = 0; i < area; i++) {
                plane[i] = RED * image[i] + GREEN * image[area + i] + BLUE * image[2 * area + i];
            }
            return plane;
        }
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < area; i++) {
                plane[i] += image[c * area + i];
            }
        }
        for (int i = 0; i < area; i++) {
            plane[i] /= channels;
        }
        return plane;
    }
}
