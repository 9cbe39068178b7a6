package org.prunedistill.extraction.stimuli;

/**
 * Draws one {@link ShapeObject} into a square grey image by supersampling.
 *
 * <p>Each pixel is the mean of {@value #SUPERSAMPLING} x {@value #SUPERSAMPLING} regularly spaced samples, so
 * edges are anti-aliased and a sub-pixel shift of the object changes the image smoothly (needed for the trial
 * jitter to act like a small eye or stimulus movement rather than a pixel flip). Pixel (row, col) covers
 * [col, col + 1) x [row, row + 1) in continuous image coordinates, origin at the top-left corner, y down.
 * Only {@link StrictMath} and {@link Math#sqrt} are used, so images are bit-identical on every JVM.
 */
final class ShapeRasteriser {

    /** Samples per pixel along each axis. */
    static final int SUPERSAMPLING = 4;

    private ShapeRasteriser() {
    }

    /**
     * Renders the object.
     *
     * @param object      what to draw
     * @param imageSize   side in pixels
     * @param centreX     object centre, x in pixels (continuous coordinates)
     * @param centreY     object centre, y in pixels (down)
     * @param radiusPx    radius in pixels of the unit disk that contains the object
     * @param rotationDeg in-plane rotation, degrees counter-clockwise on screen
     * @param gain        luminance factor applied to the shading, in (0, 1]
     * @return imageSize * imageSize intensities in [0, 1], row-major, and the object mask: the share of each pixel's
     *         samples that fall on the object ({@link ShapeObject#shade} is 0 exactly outside and at least
     *         {@link ShapeObject#AMBIENT} inside, before the gain)
     */
    static ObjectImage rasterise(ShapeObject object, int imageSize, double centreX, double centreY, double radiusPx,
                                 double rotationDeg, double gain) {
        double radians = StrictMath.toRadians(rotationDeg);
        double cos = StrictMath.cos(radians);
        double sin = StrictMath.sin(radians);
        float[] image = new float[imageSize * imageSize];
        float[] mask = new float[imageSize * imageSize];
        double samples = SUPERSAMPLING * SUPERSAMPLING;
        for (int row = 0; row < imageSize; row++) {
            for (int col = 0; col < imageSize; col++) {
                double sum = 0.0;
                int hits = 0;
                for (int sy = 0; sy < SUPERSAMPLING; sy++) {
                    // Object coordinates have v up, the image has y down: flip while normalising.
                    double dy = (centreY - (row + (sy + 0.5) / SUPERSAMPLING)) / radiusPx;
                    for (int sx = 0; sx < SUPERSAMPLING; sx++) {
                        double dx = (col + (sx + 0.5) / SUPERSAMPLING - centreX) / radiusPx;
                        if (dx * dx + dy * dy < 1.0) {
                            // Inverse rotation takes the screen point back into the object's own frame.
                            double shade = object.shade(dx * cos + dy * sin, -dx * sin + dy * cos);
                            sum += shade;
                            hits += shade > 0.0 ? 1 : 0;
                        }
                    }
                }
                image[row * imageSize + col] = (float) (gain * sum / samples);
                mask[row * imageSize + col] = (float) (hits / samples);
            }
        }
        return new ObjectImage(image, mask);
    }
}
