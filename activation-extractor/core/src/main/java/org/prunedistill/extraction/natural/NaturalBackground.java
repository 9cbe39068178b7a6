package org.prunedistill.extraction.natural;

import java.util.SplittableRandom;
import org.prunedistill.extraction.training.Seeds;

/**
 * Natural-like RGB backgrounds: a luminance field with a 1/f amplitude spectrum (the spectrum of natural images,
 * Field 1987, J Opt Soc Am A 4:2379) plus slowly varying colour, and oriented texture patches.
 *
 * <p>The 1/f field is the sum of {@value #OCTAVES} octaves of value noise: octave o has a lattice of 2^(o+1) cells
 * across the image with Gaussian values, smoothly interpolated (smoothstep), and amplitude 2^-o, so the amplitude
 * falls as 1/frequency. The two colour fields use only the three coarsest octaves. Each image draws a base colour,
 * a contrast and up to {@value #MAX_PATCHES} gratings (random orientation, 2 to 12 cycles across the image, random
 * colour) inside soft elliptical windows. Values are clipped to [0, 1]; images are channel-major [3][S][S].
 */
final class NaturalBackground {

    static final int OCTAVES = 6;
    static final int MAX_PATCHES = 2;
    /** SD of a sum of octaves with amplitudes 2^-o, to normalise the field to unit SD. */
    private static final double FIELD_SD = Math.sqrt(4.0 / 3.0);

    private NaturalBackground() {
    }

    /** Paints a background into {@code image} ([3][side][side], overwritten). */
    static void paint(SplittableRandom random, float[] image, int side) {
        double[] base = NaturalObjectClass.hsv(random.nextDouble(), 0.1 + 0.45 * random.nextDouble(),
                0.25 + 0.5 * random.nextDouble());
        double contrast = 0.08 + 0.17 * random.nextDouble();
        double[] luminance = field(random, side, OCTAVES);
        double[][] chroma = {field(random, side, 3), field(random, side, 3), field(random, side, 3)};
        int plane = side * side;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                double value = base[c] + contrast * luminance[i] / FIELD_SD + 0.06 * chroma[c][i];
                image[c * plane + i] = (float) value;
            }
        }
        int patches = random.nextInt(MAX_PATCHES + 1);
        for (int k = 0; k < patches; k++) {
            grating(random, image, side);
        }
        for (int i = 0; i < image.length; i++) {
            image[i] = Math.max(0f, Math.min(1f, image[i]));
        }
    }

    /** Sum of value-noise octaves (lattice 2^(o+1) cells, amplitude 2^-o), side x side. */
    private static double[] field(SplittableRandom random, int side, int octaves) {
        double[] out = new double[side * side];
        for (int o = 0; o < octaves; o++) {
            int cells = 2 << o;
            double amplitude = 1.0 / (1 << o);
            double[] lattice = new double[(cells + 1) * (cells + 1)];
            for (int i = 0; i < lattice.length; i++) {
                lattice[i] = Seeds.gaussian(random);
            }
            for (int row = 0; row < side; row++) {
                double v = (row + 0.5) * cells / side;
                int v0 = Math.min(cells - 1, (int) v);
                double fv = smooth(v - v0);
                for (int col = 0; col < side; col++) {
                    double u = (col + 0.5) * cells / side;
                    int u0 = Math.min(cells - 1, (int) u);
                    double fu = smooth(u - u0);
                    int at = v0 * (cells + 1) + u0;
                    double top = lattice[at] + fu * (lattice[at + 1] - lattice[at]);
                    double bottom = lattice[at + cells + 1] + fu * (lattice[at + cells + 2] - lattice[at + cells + 1]);
                    out[row * side + col] += amplitude * (top + fv * (bottom - top));
                }
            }
        }
        return out;
    }

    /** An oriented grating of a random colour inside a soft ellipse. */
    private static void grating(SplittableRandom random, float[] image, int side) {
        double angle = Math.PI * random.nextDouble();
        double cycles = 2.0 + 10.0 * random.nextDouble();
        double phase = 2.0 * Math.PI * random.nextDouble();
        double cx = side * random.nextDouble();
        double cy = side * random.nextDouble();
        double rx = side * (0.15 + 0.35 * random.nextDouble());
        double ry = side * (0.15 + 0.35 * random.nextDouble());
        double strength = 0.1 + 0.25 * random.nextDouble();
        double[] colour = NaturalObjectClass.hsv(random.nextDouble(), random.nextDouble(), random.nextDouble());
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        int plane = side * side;
        for (int row = 0; row < side; row++) {
            for (int col = 0; col < side; col++) {
                double dx = (col - cx) / rx;
                double dy = (row - cy) / ry;
                double window = 1.0 - (dx * dx + dy * dy);
                if (window <= 0.0) {
                    continue;
                }
                double wave = 0.5 + 0.5 * StrictMath.sin(2.0 * Math.PI * cycles * (col * cos + row * sin) / side
                        + phase);
                double weight = strength * Math.min(1.0, 2.0 * window) * wave;
                for (int c = 0; c < 3; c++) {
                    int at = c * plane + row * side + col;
                    image[at] = (float) ((1.0 - weight) * image[at] + weight * colour[c]);
                }
            }
        }
    }

    private static double smooth(double t) {
        return t * t * (3.0 - 2.0 * t);
    }
}
