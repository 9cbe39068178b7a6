package org.prunedistill.extraction.stimuli;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image files (whatever {@link ImageIO} reads: PNG, JPEG, BMP, GIF) into values in [0, 1], grey or RGB, and
 * resizes them to a square by area averaging.
 *
 * <p>Grey files use their raw samples divided by the largest sample value (no colour-space conversion, so a PNG grey
 * level of 128 is 128/255 whatever its bit depth); asked for RGB, the grey plane is repeated. Colour files give their
 * sRGB values / 255 per channel, or, asked for grey, their Rec. 601 luma ({@link Luminance}). Transparency is
 * composited onto black. Non-square images are stretched to the square (the aspect ratio is not kept).
 */
final class ImageFiles {

    private static final double BYTE_MAX = 255.0;
    private static final int RGB = 3;

    /**
     * One decoded image.
     *
     * @param pixels channels x side x side values in [0, 1], channel-major
     * @param width  width of the file's image, pixels
     * @param height height of the file's image, pixels
     */
    record Decoded(float[] pixels, int width, int height) {
    }

    private ImageFiles() {
    }

    /**
     * Decodes and resizes one image.
     *
     * @param channels 1 (grey) or 3 (RGB)
     * @throws IOException if the bytes are not an image ImageIO can read
     */
    static Decoded decode(byte[] bytes, int side, int channels) throws IOException {
        // From memory: ImageIO.read of a plain stream caches it in a temporary file (and fails where none can be made).
        BufferedImage image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
        if (image == null) {
            throw new IOException("not an image format ImageIO can read");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        double[][] planes = planes(image, channels);
        float[] pixels = new float[channels * side * side];
        for (int c = 0; c < channels; c++) {
            if (w == side && h == side) {
                // What resize gives at scale 1, where every output pixel is its one source pixel times 1.0.
                for (int i = 0; i < side * side; i++) {
                    pixels[c * side * side + i] = (float) planes[c][i];
                }
            } else {
                System.arraycopy(resize(planes[c], w, h, side), 0, pixels, c * side * side, side * side);
            }
        }
        return new Decoded(pixels, w, h);
    }

    private static double[][] planes(BufferedImage image, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[][] planes = new double[channels][w * h];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        boolean rawGrey = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && raster.getNumBands() <= 2;
        double max = (1L << model.getComponentSize(0)) - 1.0;
        // All pixels' sRGB at once: the same conversion as getRGB(x, y), without a call per pixel.
        int[] argbs = image.getRGB(0, 0, w, h, null, 0, w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = argbs[y * w + x];
                double alpha = model.hasAlpha() ? ((argb >>> 24) & 0xFF) / BYTE_MAX : 1.0;
                double[] rgb = rawGrey ? grey(raster.getSample(x, y, 0) / max)
                        : new double[] {((argb >> 16) & 0xFF) / BYTE_MAX, ((argb >> 8) & 0xFF) / BYTE_MAX,
                            (argb & 0xFF) / BYTE_MAX};
                int i = y * w + x;
                if (channels == RGB) {
                    for (int c = 0; c < RGB; c++) {
                        planes[c][i] = clip(rgb[c] * alpha);
                    }
                } else {
                    planes[0][i] = clip((Luminance.RED * rgb[0] + Luminance.GREEN * rgb[1] + Luminance.BLUE * rgb[2])
                            * alpha);
                }
            }
        }
        return planes;
    }

    /** A grey value as RGB; its luma is the value itself, since the weights sum to 1. */
    private static double[] grey(double value) {
        return new double[] {value, value, value};
    }

    /** {@code min(1, max(0, value))} to the bit, with comparisons (see {@link TrialRandom}). */
    private static double clip(double value) {
        return value <= 0.0 ? 0.0 : value >= 1.0 ? 1.0 : value;
    }

    /** Area-average resampling, separable: every output pixel is the mean of the source area it covers. */
    static float[] resize(double[] source, int width, int height, int side) {
        double[] rows = new double[height * side];
        for (int y = 0; y < height; y++) {
            resample(source, y * width, 1, width, rows, y * side, 1, side);
        }
        double[] out = new double[side * side];
        for (int x = 0; x < side; x++) {
            resample(rows, x, side, height, out, x, side, side);
        }
        float[] result = new float[side * side];
        for (int i = 0; i < result.length; i++) {
            result[i] = (float) out[i];
        }
        return result;
    }

    /** Resamples n strided source values to m strided target values by overlap-weighted averaging. */
    private static void resample(double[] src, int srcOffset, int srcStride, int n, double[] dst, int dstOffset,
                                 int dstStride, int m) {
        double scale = (double) n / m;
        for (int j = 0; j < m; j++) {
            double from = j * scale;
            double to = (j + 1) * scale;
            double sum = 0.0;
            for (int i = (int) Math.floor(from); i < Math.min(n, (int) Math.ceil(to)); i++) {
                double overlap = Math.min(to, i + 1.0) - Math.max(from, i);
                sum += overlap * src[srcOffset + i * srcStride];
            }
            dst[dstOffset + j * dstStride] = sum / scale;
        }
    }
}
