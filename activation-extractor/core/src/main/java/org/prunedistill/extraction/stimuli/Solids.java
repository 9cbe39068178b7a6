package org.prunedistill.extraction.stimuli;

/**
 * Distance bounds of the simple solids the rat objects are built from, plus their union.
 *
 * <p>Each function is exact outside the solid or a lower bound on the exact distance (the cone and the capped
 * cylinder combine an exact side distance with a cap plane by a maximum, which never overestimates). That is all
 * {@link SolidRenderer}'s sphere tracing needs. Only {@link Math#sqrt}, min, max and abs are used, so values are
 * bit-identical on every JVM.
 */
public final class Solids {

    private Solids() {
    }

    /** Ball of radius r centred at (cx, cy, cz). */
    public static Solid sphere(double cx, double cy, double cz, double r) {
        return (x, y, z) -> length(x - cx, y - cy, z - cz) - r;
    }

    /** Axis-aligned box with half sides (hx, hy, hz) centred at (cx, cy, cz), edges rounded by radius rounding. */
    public static Solid box(double cx, double cy, double cz, double hx, double hy, double hz, double rounding) {
        return (x, y, z) -> {
            double qx = Math.abs(x - cx) - (hx - rounding);
            double qy = Math.abs(y - cy) - (hy - rounding);
            double qz = Math.abs(z - cz) - (hz - rounding);
            double outside = length(Math.max(qx, 0.0), Math.max(qy, 0.0), Math.max(qz, 0.0));
            double inside = Math.min(Math.max(qx, Math.max(qy, qz)), 0.0);
            return outside + inside - rounding;
        };
    }

    /** All points within distance r of the segment from a to b (a rod with hemispherical ends). */
    public static Solid capsule(double[] a, double[] b, double r) {
        return (x, y, z) -> {
            double t = clamp01(axial(a, b, x, y, z));
            return length(x - a[0] - t * (b[0] - a[0]), y - a[1] - t * (b[1] - a[1]), z - a[2] - t * (b[2] - a[2]))
                    - r;
        };
    }

    /** Flat-ended cylinder of radius r whose axis runs from a to b. */
    public static Solid cylinder(double[] a, double[] b, double r) {
        double len = length(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
        return (x, y, z) -> {
            double t = axial(a, b, x, y, z);
            double radial = radialDistance(a, b, t, x, y, z) - r;
            double cap = (Math.abs(t - 0.5) - 0.5) * len;
            double outside = Math.sqrt(square(Math.max(radial, 0.0)) + square(Math.max(cap, 0.0)));
            return outside + Math.min(Math.max(radial, cap), 0.0);
        };
    }

    /** Cone with a flat base of radius r centred at {@code base} and its tip at {@code apex}. */
    public static Solid cone(double[] base, double[] apex, double r) {
        double height = length(apex[0] - base[0], apex[1] - base[1], apex[2] - base[2]);
        double slant = Math.sqrt(height * height + r * r);
        return (x, y, z) -> {
            double t = axial(base, apex, x, y, z);
            double radial = radialDistance(base, apex, t, x, y, z);
            // Signed distance to the slanted side line through (r, 0) and (0, height) in the (radial, axial) plane.
            double side = (radial * height + t * height * r - r * height) / slant;
            return Math.max(side, -t * height);
        };
    }

    /** Ring of major radius big and tube radius small, centred at (cx, cy, cz), its hole along the unit axis n. */
    public static Solid torus(double cx, double cy, double cz, double[] n, double big, double small) {
        return (x, y, z) -> {
            double px = x - cx;
            double py = y - cy;
            double pz = z - cz;
            double h = px * n[0] + py * n[1] + pz * n[2];
            double radial = length(px - h * n[0], py - h * n[1], pz - h * n[2]);
            return Math.sqrt(square(radial - big) + h * h) - small;
        };
    }

    /** Union: the smallest distance of the parts. */
    public static Solid union(Solid... parts) {
        Solid[] copy = parts.clone();
        return (x, y, z) -> {
            double d = Double.POSITIVE_INFINITY;
            for (Solid part : copy) {
                d = Math.min(d, part.distance(x, y, z));
            }
            return d;
        };
    }

    public static double[] point(double x, double y, double z) {
        return new double[] {x, y, z};
    }

    /** Position of the projection of p on the line a-b, 0 at a and 1 at b. */
    private static double axial(double[] a, double[] b, double x, double y, double z) {
        double bx = b[0] - a[0];
        double by = b[1] - a[1];
        double bz = b[2] - a[2];
        return ((x - a[0]) * bx + (y - a[1]) * by + (z - a[2]) * bz) / (bx * bx + by * by + bz * bz);
    }

    private static double radialDistance(double[] a, double[] b, double t, double x, double y, double z) {
        return length(x - a[0] - t * (b[0] - a[0]), y - a[1] - t * (b[1] - a[1]), z - a[2] - t * (b[2] - a[2]));
    }

    private static double length(double x, double y, double z) {
        return Math.sqrt(x * x + y * y + z * z);
    }

    private static double square(double x) {
        return x * x;
    }

    private static double clamp01(double t) {
        return Math.max(0.0, Math.min(1.0, t));
    }
}
