package org.prunedistill.extraction.stimuli;

/**
 * Renders a {@link Solid} into a square grey image by orthographic ray casting (sphere tracing) with Lambertian
 * shading.
 *
 * <p>The object's unit sphere is scaled to {@code radiusPx} pixels around (centreX, centreY). Rays are parallel to
 * the viewing axis; each one is carried into the object's frame by the inverse of its pose, so a rotation in depth
 * really turns the 3-D shape and the new silhouette and shading are re-projected. The light is fixed in the view
 * (upper left, towards the viewer): brightness = gain x ({@value #AMBIENT} + (1 - {@value #AMBIENT}) x max(0, n.l)),
 * background 0. Each pixel averages s x s regularly spaced rays (anti-aliasing); the share of them that hit the
 * solid is the pixel's object mask, so a dark face is object as much as a lit one. Pixel (row, col) covers
 * [col, col + 1) x [row, row + 1), y down. Only {@link StrictMath} trigonometry and {@link Math#sqrt} are used, so
 * images are bit-identical on every JVM.
 */
public final class SolidRenderer {

    /** Ambient floor so that faces turned away from the light stay visible on the black background. */
    static final double AMBIENT = 0.15;
    /** Unit light direction in the view frame (upper left, towards the viewer). */
    private static final double[] LIGHT = normalise(-0.5, 0.6, 1.0);
    /** A ray has hit when the distance bound drops below this, object units (a 500th of the object radius). */
    private static final double HIT_EPSILON = 2e-3;
    /** Sphere-tracing step cap; grazing rays that have not converged by then count as misses. */
    private static final int MAX_STEPS = 96;
    /** Central-difference step of the surface normal, object units. */
    private static final double NORMAL_STEP = 1e-3;
    /** What {@link #shadeRay} returns for a ray that misses the solid (a hit is never negative). */
    private static final double MISS = -1.0;

    private SolidRenderer() {
    }

    /**
     * Pose rotation R = Rz(roll) Rx(tilt) Ry(yaw), returned transposed (view frame to object frame).
     *
     * @param rollDeg in-plane rotation, counter-clockwise on screen
     * @param tiltDeg rotation about the horizontal screen axis; positive brings the object's top towards the viewer
     * @param yawDeg  rotation in depth about the object's vertical axis; positive turns its right side away
     */
    public static double[][] viewToObject(double rollDeg, double tiltDeg, double yawDeg) {
        double[][] r = multiply(multiply(rotZ(rollDeg), rotX(tiltDeg)), rotY(yawDeg));
        return new double[][] {{r[0][0], r[1][0], r[2][0]}, {r[0][1], r[1][1], r[2][1]}, {r[0][2], r[1][2], r[2][2]}};
    }

    /**
     * Renders the solid.
     *
     * @param solid         shape in its own frame, inside the unit sphere
     * @param viewToObject  from {@link #viewToObject}
     * @param imageSize     side in pixels
     * @param centreX       object centre, x in pixels (continuous coordinates)
     * @param centreY       object centre, y in pixels (down)
     * @param radiusPx      radius in pixels of the object's unit sphere
     * @param gain          luminance factor in (0, 1]
     * @param supersampling rays per pixel along each axis
     * @return imageSize * imageSize intensities in [0, 1] and the object mask, row-major
     */
    static ObjectImage render(Solid solid, double[][] viewToObject, int imageSize, double centreX, double centreY,
                              double radiusPx, double gain, int supersampling) {
        float[] image = new float[imageSize * imageSize];
        float[] mask = new float[imageSize * imageSize];
        double[] light = apply(viewToObject, LIGHT[0], LIGHT[1], LIGHT[2]);
        double[] direction = apply(viewToObject, 0.0, 0.0, -1.0);
        int rowFrom = Math.max(0, (int) Math.floor(centreY - radiusPx));
        int rowTo = Math.min(imageSize - 1, (int) Math.ceil(centreY + radiusPx));
        int colFrom = Math.max(0, (int) Math.floor(centreX - radiusPx));
        int colTo = Math.min(imageSize - 1, (int) Math.ceil(centreX + radiusPx));
        double samples = (double) supersampling * supersampling;
        for (int row = rowFrom; row <= rowTo; row++) {
            for (int col = colFrom; col <= colTo; col++) {
                double sum = 0.0;
                int hits = 0;
                for (int sy = 0; sy < supersampling; sy++) {
                    double y = (centreY - (row + (sy + 0.5) / supersampling)) / radiusPx;
                    for (int sx = 0; sx < supersampling; sx++) {
                        double x = (col + (sx + 0.5) / supersampling - centreX) / radiusPx;
                        double shade = shadeRay(solid, viewToObject, x, y, direction, light);
                        if (shade != MISS) {
                            sum += shade;
                            hits++;
                        }
                    }
                }
                image[row * imageSize + col] = (float) (gain * sum / samples);
                mask[row * imageSize + col] = (float) (hits / samples);
            }
        }
        return new ObjectImage(image, mask);
    }

    /** Brightness seen along the ray through view-frame point (x, y); {@link #MISS} if it misses the solid. */
    private static double shadeRay(Solid solid, double[][] m, double x, double y, double[] d, double[] light) {
        double r2 = x * x + y * y;
        if (r2 >= 1.0) {
            return MISS;
        }
        double entry = Math.sqrt(1.0 - r2);
        double[] o = apply(m, x, y, entry);
        double t = 0.0;
        for (int step = 0; step < MAX_STEPS && t <= 2.0 * entry; step++) {
            double px = o[0] + t * d[0];
            double py = o[1] + t * d[1];
            double pz = o[2] + t * d[2];
            double distance = solid.distance(px, py, pz);
            if (distance < HIT_EPSILON) {
                double[] n = normal(solid, px, py, pz);
                double lit = n[0] * light[0] + n[1] * light[1] + n[2] * light[2];
                return AMBIENT + (1.0 - AMBIENT) * Math.max(0.0, lit);
            }
            t += distance;
        }
        return MISS;
    }

    private static double[] normal(Solid solid, double x, double y, double z) {
        double h = NORMAL_STEP;
        double nx = solid.distance(x + h, y, z) - solid.distance(x - h, y, z);
        double ny = solid.distance(x, y + h, z) - solid.distance(x, y - h, z);
        double nz = solid.distance(x, y, z + h) - solid.distance(x, y, z - h);
        return normalise(nx, ny, nz);
    }

    private static double[] normalise(double x, double y, double z) {
        double length = Math.sqrt(x * x + y * y + z * z);
        return length == 0.0 ? new double[] {0.0, 0.0, 1.0} : new double[] {x / length, y / length, z / length};
    }

    private static double[] apply(double[][] m, double x, double y, double z) {
        return new double[] {
            m[0][0] * x + m[0][1] * y + m[0][2] * z,
            m[1][0] * x + m[1][1] * y + m[1][2] * z,
            m[2][0] * x + m[2][1] * y + m[2][2] * z};
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
            }
        }
        return c;
    }

    private static double[][] rotZ(double degrees) {
        double c = StrictMath.cos(StrictMath.toRadians(degrees));
        double s = StrictMath.sin(StrictMath.toRadians(degrees));
        return new double[][] {{c, -s, 0.0}, {s, c, 0.0}, {0.0, 0.0, 1.0}};
    }

    private static double[][] rotX(double degrees) {
        double c = StrictMath.cos(StrictMath.toRadians(degrees));
        double s = StrictMath.sin(StrictMath.toRadians(degrees));
        return new double[][] {{1.0, 0.0, 0.0}, {0.0, c, -s}, {0.0, s, c}};
    }

    private static double[][] rotY(double degrees) {
        double c = StrictMath.cos(StrictMath.toRadians(degrees));
        double s = StrictMath.sin(StrictMath.toRadians(degrees));
        return new double[][] {{c, 0.0, s}, {0.0, 1.0, 0.0}, {-s, 0.0, c}};
    }
}
