package org.prunedistill.extraction.natural;

import org.prunedistill.extraction.stimuli.Solid;
import org.prunedistill.extraction.stimuli.SolidRenderer;

/**
 * Ray-casts a {@link NaturalObjectClass} object in colour over an RGB image, the way {@code SolidRenderer} casts the
 * grey rat objects: orthographic sphere tracing inside the object's unit sphere (scaled to {@code radiusPx}), each
 * ray carried into the object frame by the inverse pose, s x s rays per pixel. A hit is shaded
 * albedo x light colour x (ambient + (1 - ambient) max(0, n.l)), its albedo from the part nearest the hit point and the
 * class texture there; the pixel becomes (1 - cover) x what was there + the mean of its hits, cover being the share of
 * its rays that hit (so clutter drawn first is occluded by what comes after). Images are channel-major [3][S][S].
 * Stateless; bit-identical on every JVM (StrictMath trigonometry, Math.sqrt).
 */
final class ColourRenderer {

    private static final double HIT_EPSILON = 2e-3;
    private static final int MAX_STEPS = 96;
    private static final double NORMAL_STEP = 1e-3;

    /** How one object is lit and placed. */
    record Pose(double centreX, double centreY, double radiusPx, double rollDeg, double tiltDeg, double yawDeg,
                double[] light, double[] lightColour, double ambient) {
    }

    private ColourRenderer() {
    }

    /**
     * Draws the object over {@code image} ([3][side][side], modified in place); when {@code cover} ([side][side]) is
     * not null, writes into it each pixel's share of rays that hit the object (0 where none does).
     */
    static void draw(NaturalObjectClass objectClass, double[] partScales, Pose pose, float[] image, float[] cover,
                     int side, int supersampling) {
        Solid solid = objectClass.solid(partScales);
        Solid[] parts = objectClass.partSolids(partScales);
        double[][] m = SolidRenderer.viewToObject(pose.rollDeg(), pose.tiltDeg(), pose.yawDeg());
        double[] light = apply(m, pose.light());
        double[] direction = apply(m, new double[] {0.0, 0.0, -1.0});
        double r = pose.radiusPx();
        int rowFrom = Math.max(0, (int) Math.floor(pose.centreY() - r));
        int rowTo = Math.min(side - 1, (int) Math.ceil(pose.centreY() + r));
        int colFrom = Math.max(0, (int) Math.floor(pose.centreX() - r));
        int colTo = Math.min(side - 1, (int) Math.ceil(pose.centreX() + r));
        double samples = (double) supersampling * supersampling;
        double[] hit = new double[3];
        double[] sum = new double[3];
        int plane = side * side;
        for (int row = rowFrom; row <= rowTo; row++) {
            for (int col = colFrom; col <= colTo; col++) {
                sum[0] = 0.0;
                sum[1] = 0.0;
                sum[2] = 0.0;
                int hits = 0;
                for (int sy = 0; sy < supersampling; sy++) {
                    double y = (pose.centreY() - (row + (sy + 0.5) / supersampling)) / r;
                    for (int sx = 0; sx < supersampling; sx++) {
                        double x = (col + (sx + 0.5) / supersampling - pose.centreX()) / r;
                        if (shade(objectClass, solid, parts, m, x, y, direction, light, pose, hit)) {
                            sum[0] += hit[0];
                            sum[1] += hit[1];
                            sum[2] += hit[2];
                            hits++;
                        }
                    }
                }
                if (hits > 0) {
                    double share = hits / samples;
                    int at = row * side + col;
                    for (int c = 0; c < 3; c++) {
                        double value = (1.0 - share) * image[c * plane + at] + sum[c] / samples;
                        image[c * plane + at] = (float) Math.min(1.0, value);
                    }
                    if (cover != null) {
                        cover[at] = (float) share;
                    }
                }
            }
        }
    }

    /** Traces one ray; on a hit writes its colour into rgb and returns true. */
    private static boolean shade(NaturalObjectClass objectClass, Solid solid, Solid[] parts, double[][] m, double x,
                                 double y, double[] d, double[] light, Pose pose, double[] rgb) {
        double r2 = x * x + y * y;
        if (r2 >= 1.0) {
            return false;
        }
        double entry = Math.sqrt(1.0 - r2);
        double[] o = apply(m, new double[] {x, y, entry});
        double t = 0.0;
        for (int step = 0; step < MAX_STEPS && t <= 2.0 * entry; step++) {
            double px = o[0] + t * d[0];
            double py = o[1] + t * d[1];
            double pz = o[2] + t * d[2];
            double distance = solid.distance(px, py, pz);
            if (distance < HIT_EPSILON) {
                double h = NORMAL_STEP;
                double nx = solid.distance(px + h, py, pz) - solid.distance(px - h, py, pz);
                double ny = solid.distance(px, py + h, pz) - solid.distance(px, py - h, pz);
                double nz = solid.distance(px, py, pz + h) - solid.distance(px, py, pz - h);
                double length = Math.sqrt(nx * nx + ny * ny + nz * nz);
                double lit = length == 0.0 ? 1.0 : (nx * light[0] + ny * light[1] + nz * light[2]) / length;
                double brightness = pose.ambient() + (1.0 - pose.ambient()) * Math.max(0.0, lit);
                objectClass.albedo(nearest(parts, px, py, pz), px, py, pz, rgb);
                for (int c = 0; c < 3; c++) {
                    rgb[c] *= brightness * pose.lightColour()[c];
                }
                return true;
            }
            t += distance;
        }
        return false;
    }

    private static int nearest(Solid[] parts, double x, double y, double z) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < parts.length; k++) {
            double distance = parts[k].distance(x, y, z);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = k;
            }
        }
        return best;
    }

    private static double[] apply(double[][] m, double[] v) {
        return new double[] {
            m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
            m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
            m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]};
    }
}
