package org.prunedistill.launcher.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A user's image set for the benchmarks, written as a user hands one in: PNG files and their CSV. Object {@code o} is
 * a disc (even o) or a square (odd o) of its own hue on a grey ground; its views move it along the horizontal axis.
 */
final class ColourPhotos {

    private ColourPhotos() {
    }

    /**
     * Writes {@code images} images of {@code side} px into {@code folder}, {@code views} per object, and their CSV.
     *
     * @return the CSV
     */
    static Path write(Path folder, int images, int views, int side) throws IOException {
        if (images < 1 || views < 1 || side < 8) {
            throw new IllegalArgumentException("images and views must be >= 1 and side >= 8, were " + images + ", "
                    + views + ", " + side);
        }
        Files.createDirectories(folder);
        int objects = (images + views - 1) / views;
        StringBuilder csv = new StringBuilder("id,file,object,axis,value\n");
        for (int i = 0; i < images; i++) {
            int object = i / views;
            int view = i % views;
            String file = "o" + object + "v" + view + ".png";
            ImageIO.write(draw(side, object, objects, view, views), "png", folder.resolve(file).toFile());
            csv.append(file).append(',').append(file).append(",object-").append(object).append(",position,")
                    .append(view).append('\n');
        }
        Path table = folder.resolve("photos.csv");
        Files.writeString(table, csv);
        return table;
    }

    private static BufferedImage draw(int side, int object, int objects, int view, int views) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0x606060));
            g.fillRect(0, 0, side, side);
            g.setColor(Color.getHSBColor((float) object / objects, 0.8f, 0.9f));
            int size = side / 3;
            int left = (side - size) * view / Math.max(1, views - 1);
            int top = (side - size) / 2;
            if (object % 2 == 0) {
                g.fillOval(left, top, size, size);
            } else {
                g.fillRect(left, top, size, size);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
