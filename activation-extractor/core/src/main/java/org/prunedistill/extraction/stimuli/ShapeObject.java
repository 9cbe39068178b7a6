package org.prunedistill.extraction.stimuli;

/**
 * The six objects of {@link ShapeStimulusSet}, each a shaded solid seen from the front.
 *
 * <p>Every object lives in its own coordinates (u to the right, v up) inside the unit disk, so rotating it never
 * leaves the disk that {@link ShapeRasteriser} scales to the object's size. {@link #shade} returns the rendered
 * intensity in [0, 1] at a point, 0 outside the object. Shading is Lambertian with one light from the upper left
 * front plus an ambient floor; the surface normal comes from the object's height profile (sphere cap, cylinder,
 * bevel or pyramid face), which is what makes a flat silhouette read as a solid.
 */
enum ShapeObject {
    SPHERE("sphere") {
        @Override
        double shade(double u, double v) {
            return sphereCap(u, v, 0.0, 0.0, 0.9);
        }
    },
    CUBE("cube") {
        @Override
        double shade(double u, double v) {
            double half = 0.62;
            double bevel = 0.14;
            if (Math.abs(u) > half || Math.abs(v) > half) {
                return 0.0;
            }
            // The nearest edge decides which bevel the point lies on; inside the bevel band the face is flat.
            double left = u + half;
            double right = half - u;
            double top = half - v;
            double bottom = v + half;
            double nearest = Math.min(Math.min(left, right), Math.min(top, bottom));
            if (nearest >= bevel) {
                return lambert(0.0, 0.0, 1.0);
            }
            if (nearest == top) {
                return lambert(0.0, 1.0, 1.0);
            }
            if (nearest == bottom) {
                return lambert(0.0, -1.0, 1.0);
            }
            return nearest == left ? lambert(-1.0, 0.0, 1.0) : lambert(1.0, 0.0, 1.0);
        }
    },
    PYRAMID("pyramid") {
        @Override
        double shade(double u, double v) {
            // Equilateral triangle inscribed in a circle of radius 0.95, apex up; its three faces meet at the
            // centre, and a point belongs to the face whose edge normal it points along the most.
            double inradius = 0.475;
            double[][] edgeNormals = {{-0.8660254037844386, 0.5}, {0.8660254037844386, 0.5}, {0.0, -1.0}};
            int face = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < edgeNormals.length; k++) {
                double d = edgeNormals[k][0] * u + edgeNormals[k][1] * v;
                if (d > inradius) {
                    return 0.0;
                }
                if (d > best) {
                    best = d;
                    face = k;
                }
            }
            double tilt = 0.9;
            return lambert(tilt * edgeNormals[face][0], tilt * edgeNormals[face][1], 1.0);
        }
    },
    CROSS("cross") {
        @Override
        double shade(double u, double v) {
            double halfWidth = 0.2;
            double halfLength = 0.85;
            double horizontal = Math.abs(u) <= halfLength ? cylinderHeight(v, halfWidth) : -1.0;
            double vertical = Math.abs(v) <= halfLength ? cylinderHeight(u, halfWidth) : -1.0;
            if (horizontal < 0.0 && vertical < 0.0) {
                return 0.0;
            }
            // Where the bars overlap the taller surface is the visible one.
            if (horizontal >= vertical) {
                return lambert(0.0, v / halfWidth, horizontal / halfWidth);
            }
            return lambert(u / halfWidth, 0.0, vertical / halfWidth);
        }
    },
    TORUS("torus") {
        @Override
        double shade(double u, double v) {
            double ringRadius = 0.6;
            double tubeRadius = 0.3;
            double r = Math.sqrt(u * u + v * v);
            double s = (r - ringRadius) / tubeRadius;
            if (Math.abs(s) >= 1.0 || r == 0.0) {
                return 0.0;
            }
            return lambert(s * u / r, s * v / r, Math.sqrt(1.0 - s * s));
        }
    },
    LOLLIPOP("lollipop") {
        @Override
        double shade(double u, double v) {
            double headRadius = 0.4;
            double headCentre = 0.5;
            double stickHalfWidth = 0.13;
            double du = u;
            double dv = v - headCentre;
            double headHeight = headRadius * headRadius - du * du - dv * dv;
            double stickHeight = v >= -0.9 && v <= headCentre ? cylinderHeight(u, stickHalfWidth) : -1.0;
            if (headHeight > 0.0 && Math.sqrt(headHeight) >= stickHeight) {
                return sphereCap(u, v, 0.0, headCentre, headRadius);
            }
            if (stickHeight < 0.0) {
                return 0.0;
            }
            return lambert(u / stickHalfWidth, 0.0, stickHeight / stickHalfWidth);
        }
    };

    /** Ambient floor so that faces turned away from the light stay visible against the black background. */
    static final double AMBIENT = 0.15;
    /** Light direction (upper left, towards the viewer), normalised in {@link #lambert}. */
    private static final double LIGHT_X = -0.5;
    private static final double LIGHT_Y = 0.6;
    private static final double LIGHT_Z = 1.0;

    private final String displayName;

    ShapeObject(String displayName) {
        this.displayName = displayName;
    }

    /** Name used in condition metadata. */
    String displayName() {
        return displayName;
    }

    /** Intensity in [0, 1] at object coordinates (u, v); 0 outside the object. */
    abstract double shade(double u, double v);

    /** Lambertian intensity for an (unnormalised) surface normal, with the ambient floor. */
    static double lambert(double nx, double ny, double nz) {
        double normLength = Math.sqrt(nx * nx + ny * ny + nz * nz);
        double lightLength = Math.sqrt(LIGHT_X * LIGHT_X + LIGHT_Y * LIGHT_Y + LIGHT_Z * LIGHT_Z);
        double cosine = (nx * LIGHT_X + ny * LIGHT_Y + nz * LIGHT_Z) / (normLength * lightLength);
        return AMBIENT + (1.0 - AMBIENT) * Math.max(0.0, cosine);
    }

    /** Height of a cylinder of the given half-width at signed distance {@code d} from its axis; -1 outside. */
    static double cylinderHeight(double d, double halfWidth) {
        double h2 = halfWidth * halfWidth - d * d;
        return h2 > 0.0 ? Math.sqrt(h2) : -1.0;
    }

    private static double sphereCap(double u, double v, double cu, double cv, double radius) {
        double du = u - cu;
        double dv = v - cv;
        double h2 = radius * radius - du * du - dv * dv;
        if (h2 <= 0.0) {
            return 0.0;
        }
        return lambert(du, dv, Math.sqrt(h2));
    }
}
