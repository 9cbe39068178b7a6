package org.prunedistill.extraction.stimuli;

/**
 * Whole-image luminance and RMS contrast of a grey image with values in [0, 1], both in percent of white: mean
 * pixel value x 100 and population standard deviation of the pixel values x 100.
 */
final class ImageStatistics {

    private static final double PERCENT = 100.0;

    private ImageStatistics() {
    }

    /** Mean pixel value, % of white. */
    static double luminancePercent(float[] image) {
        return PERCENT * mean(image);
    }

    /** Population SD of the pixel values, % of white. */
    static double contrastPercent(float[] image) {
        double mean = mean(image);
        double variance = 0.0;
        for (float p : image) {
            variance += (p - mean) * (p - mean);
        }
        return PERCENT * Math.sqrt(variance / image.length);
    }

    /** Clamps a computed percentage into [0, 100] against float rounding at the ends. */
    static double clampPercent(double percent) {
        return Math.max(0.0, Math.min(PERCENT, percent));
    }

    private static double mean(float[] image) {
        double sum = 0.0;
        for (float p : image) {
            sum += p;
        }
        return sum / image.length;
    }
}
