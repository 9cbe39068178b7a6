package org.prunedistill.extraction.natural;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.prunedistill.extraction.stimuli.Solid;
import org.prunedistill.extraction.stimuli.Solids;
import org.prunedistill.extraction.training.Seeds;

/**
 * One class of the natural-like objects: a composed solid of two to four parts (ball, rounded box, capsule,
 * cylinder, cone, ring) with class-specific shapes, placements, colours and a surface texture, all drawn from the
 * class's own random stream, so class k is the same in every run of the same code.
 *
 * <p>Texture is solid (a function of the object-frame point, so it turns with the object): plain, stripes along a
 * class direction, a 3-D checker, spots or rings around a class axis, at a class frequency and contrast, mixing the
 * part's colour with the class's second colour. Each image scales every part by its own factor in
 * [{@value #PART_SCALE_MIN}, {@value #PART_SCALE_MAX}] (the same class is never quite the same object), which
 * {@link #solid(double[])} takes. Immutable.
 */
final class NaturalObjectClass {

    static final double PART_SCALE_MIN = 0.85;
    static final double PART_SCALE_MAX = 1.15;
    private static final long DESIGN_STREAM = 0xC1A55E5L;
    private static final int TEXTURES = 5;

    /** One primitive: its kind, two points (centre / axis ends) and two sizes, object units. */
    private record Part(int kind, double[] a, double[] b, double size, double size2) {
    }

    private final int id;
    private final List<Part> parts;
    private final double[][] colours;
    private final double[] secondColour;
    private final int texture;
    private final double[] textureAxis;
    private final double frequency;
    private final double contrast;

    private NaturalObjectClass(int id, List<Part> parts, double[][] colours, double[] secondColour, int texture,
                               double[] textureAxis, double frequency, double contrast) {
        this.id = id;
        this.parts = parts;
        this.colours = colours;
        this.secondColour = secondColour;
        this.texture = texture;
        this.textureAxis = textureAxis;
        this.frequency = frequency;
        this.contrast = contrast;
    }

    /** Class {@code id} of the design (a pure function of the id). */
    static NaturalObjectClass of(int id) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(DESIGN_STREAM, id));
        int count = 2 + random.nextInt(3);
        List<Part> parts = new ArrayList<>();
        double[][] colours = new double[count][];
        double hue = random.nextDouble();
        double saturation = 0.35 + 0.55 * random.nextDouble();
        for (int k = 0; k < count; k++) {
            parts.add(part(random, k == 0));
            double partHue = hue + 0.12 * (random.nextDouble() - 0.5);
            double value = 0.45 + 0.5 * random.nextDouble();
            colours[k] = hsv(partHue, saturation * (0.7 + 0.3 * random.nextDouble()), value);
        }
        double[] second = hsv(hue + 0.25 + 0.5 * random.nextDouble(), 0.2 + 0.6 * random.nextDouble(),
                0.15 + 0.7 * random.nextDouble());
        int texture = random.nextInt(TEXTURES);
        double[] axis = unit(random);
        double frequency = 3.0 + 7.0 * random.nextDouble();
        double contrast = 0.35 + 0.5 * random.nextDouble();
        return new NaturalObjectClass(id, List.copyOf(parts), colours, second, texture, axis, frequency, contrast);
    }

    int id() {
        return id;
    }

    /** Number of parts (each image draws one scale per part). */
    int partCount() {
        return parts.size();
    }

    /** The composed solid with every part scaled about its own centre by {@code scales[k]}. */
    Solid solid(double[] scales) {
        Solid[] solids = new Solid[parts.size()];
        for (int k = 0; k < solids.length; k++) {
            solids[k] = build(parts.get(k), scales[k]);
        }
        return Solids.union(solids);
    }

    /** The parts as separate solids (same scales), to tell which part a surface point belongs to. */
    Solid[] partSolids(double[] scales) {
        Solid[] solids = new Solid[parts.size()];
        for (int k = 0; k < solids.length; k++) {
            solids[k] = build(parts.get(k), scales[k]);
        }
        return solids;
    }

    /** Albedo (r, g, b in [0, 1]) of part {@code part} at object-frame point (x, y, z), written into rgb. */
    void albedo(int part, double x, double y, double z, double[] rgb) {
        double mix = contrast * pattern(x, y, z);
        double[] base = colours[part];
        for (int c = 0; c < 3; c++) {
            rgb[c] = (1.0 - mix) * base[c] + mix * secondColour[c];
        }
    }

    /** Texture weight of the second colour in [0, 1]. */
    private double pattern(double x, double y, double z) {
        double along = x * textureAxis[0] + y * textureAxis[1] + z * textureAxis[2];
        double f = frequency * Math.PI;
        return switch (texture) {
            case 0 -> 0.0;
            case 1 -> StrictMath.sin(f * along) > 0.0 ? 1.0 : 0.0;
            case 2 -> StrictMath.sin(f * x) * StrictMath.sin(f * y) * StrictMath.sin(f * z) > 0.0 ? 1.0 : 0.0;
            case 3 -> StrictMath.sin(f * x + 1.0) * StrictMath.sin(f * y + 2.0) * StrictMath.sin(f * z + 3.0) > 0.35
                    ? 1.0 : 0.0;
            default -> {
                double radial = Math.sqrt(Math.max(0.0, x * x + y * y + z * z - along * along));
                yield StrictMath.sin(f * radial) > 0.0 ? 1.0 : 0.0;
            }
        };
    }

    private static Part part(SplittableRandom random, boolean body) {
        double reach = body ? 0.15 : 0.45;
        double[] centre = {reach * symmetric(random), reach * symmetric(random), reach * symmetric(random)};
        double size = body ? 0.35 + 0.2 * random.nextDouble() : 0.15 + 0.2 * random.nextDouble();
        double[] direction = unit(random);
        double half = body ? 0.25 + 0.25 * random.nextDouble() : 0.15 + 0.25 * random.nextDouble();
        double[] a = {centre[0] - half * direction[0], centre[1] - half * direction[1], centre[2] - half * direction[2]};
        double[] b = {centre[0] + half * direction[0], centre[1] + half * direction[1], centre[2] + half * direction[2]};
        int kind = random.nextInt(6);
        double size2 = 0.3 + 0.7 * random.nextDouble();
        return new Part(kind, kind == 1 || kind == 5 ? centre : a, kind == 5 ? direction : b, size, size2);
    }

    /** The primitive of a part scaled about its centre (the renderer clips whatever reaches past the unit sphere). */
    private static Solid build(Part p, double scale) {
        double[] c = p.kind() == 1 || p.kind() == 5 ? p.a() : midpoint(p.a(), p.b());
        double[] a = scaled(p.a(), c, scale);
        double[] b = p.kind() == 5 ? p.b() : scaled(p.b(), c, scale);
        double s = p.size() * scale;
        return switch (p.kind()) {
            case 0 -> Solids.sphere(c[0], c[1], c[2], s);
            case 1 -> Solids.box(c[0], c[1], c[2], s, s * p.size2(), s * (1.3 - p.size2()), 0.2 * s);
            case 2 -> Solids.capsule(a, b, 0.5 * s);
            case 3 -> Solids.cylinder(a, b, 0.6 * s);
            case 4 -> Solids.cone(a, b, 0.8 * s);
            default -> Solids.torus(c[0], c[1], c[2], b, s, 0.25 * s + 0.05);
        };
    }

    private static double[] midpoint(double[] a, double[] b) {
        return new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2};
    }

    private static double[] scaled(double[] point, double[] centre, double scale) {
        return new double[] {centre[0] + scale * (point[0] - centre[0]), centre[1] + scale * (point[1] - centre[1]),
            centre[2] + scale * (point[2] - centre[2])};
    }

    private static double symmetric(SplittableRandom random) {
        return 2.0 * random.nextDouble() - 1.0;
    }

    /** A uniformly distributed unit vector (normalised Gaussian triple). */
    static double[] unit(SplittableRandom random) {
        double x = Seeds.gaussian(random);
        double y = Seeds.gaussian(random);
        double z = Seeds.gaussian(random);
        double n = Math.sqrt(x * x + y * y + z * z);
        return n == 0.0 ? new double[] {0.0, 0.0, 1.0} : new double[] {x / n, y / n, z / n};
    }

    /** HSV (hue wraps around) to RGB, all in [0, 1]. */
    static double[] hsv(double hue, double saturation, double value) {
        double h = (hue - Math.floor(hue)) * 6.0;
        int sector = Math.min(5, (int) h);
        double f = h - sector;
        double p = value * (1.0 - saturation);
        double q = value * (1.0 - saturation * f);
        double t = value * (1.0 - saturation * (1.0 - f));
        return switch (sector) {
            case 0 -> new double[] {value, t, p};
            case 1 -> new double[] {q, value, p};
            case 2 -> new double[] {p, value, t};
            case 3 -> new double[] {p, q, value};
            case 4 -> new double[] {t, p, value};
            default -> new double[] {value, p, q};
        };
    }
}
