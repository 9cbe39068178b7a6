package org.prunedistill.extraction.stimuli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small PNG fixtures written into a test's temporary folder. */
final class TestImages {

    private TestImages() {
    }

    /** A uniform 8-bit grey PNG of the given level (0..255). */
    static void uniformPng(Path dir, String name, int width, int height, int level) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, level);
            }
        }
        write(dir, image, name);
    }

    /** A 4 x 4 RGB PNG, left half white, right half black. */
    static void halfWhitePng(Path dir, String name) throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 2; x++) {
                image.setRGB(x, y, 0xFFFFFF);
            }
        }
        write(dir, image, name);
    }

    /** A uniform RGB PNG of the given 0xRRGGBB colour. */
    static void uniformColourPng(Path dir, String name, int width, int height, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        write(dir, image, name);
    }

    private static void write(Path dir, BufferedImage image, String name) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        }
    }
}
