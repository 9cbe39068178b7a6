package org.prunedistill.extraction.stimuli;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Decodes image files (whatever {@link ImageIO} reads: PNG, JPEG, BMP, GIF) into grey values in [0, 1] and resizes
 * them to a square by area averaging.
 *
 * <p>Grey images use their raw samples divided by the largest sample value (no colour-space conversion, so a PNG
 * grey level of 128 is 128/255 whatever its bit depth). Colour images use Rec. 601 luma
 * (0.299 R + 0.587 G + 0.114 B) / 255 of the sRGB values. Transparency is composited onto black. Non-square images
 * are stretched to the square (the aspect ratio is not kept).
 */
final class GreyImages {

    private static final double RED = 0.299;
    private static final double GREEN = 0.587;
    private static final double BLUE = 0.114;
    private static final double BYTE_MAX = 255.0;

    private GreyImages() {
    }

    /**
     * Decodes and resizes one image.
     *
     * @return side * side grey values in [0, 1], row-major
     * @throws IOException if the bytes are not an image ImageIO can read
     */
    static float[] decode(byte[] bytes, int side) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            throw new IOException("not an image format ImageIO can read");
        }
        return resize(grey(image), image.getWidth(), image.getHeight(), side);
    }

    private static double[] grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] grey = new double[w * h];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        boolean rawGrey = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && raster.getNumBands() <= 2;
        double max = (1L << model.getComponentSize(0)) - 1.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double alpha = model.hasAlpha() ? ((image.getRGB(x, y) >>> 24) & 0xFF) / BYTE_MAX : 1.0;
                double value;
                if (rawGrey) {
                    value = raster.getSample(x, y, 0) / max;
                } else {
                    int rgb = image.getRGB(x, y);
                    value = (RED * ((rgb >> 16) & 0xFF) + GREEN * ((rgb >> 8) & 0xFF) + BLUE * (rgb & 0xFF)) / BYTE_MAX;
                }
                grey[y * w + x] = Math.min(1.0, Math.max(0.0, value * alpha));
            }
        }
        return grey;
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
