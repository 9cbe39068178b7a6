package org.prunedistill.extraction.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.prunedistill.extraction.stimuli.RatObjectStimulusSet;

/**
 * Training images: the ten rat objects of {@link RatObjectStimulusSet} under random transformations drawn from
 * continuous ranges that cover the design of SCIENCE.md section 2, each freshly ray-cast, then Gaussian pixel noise.
 *
 * <p>Per image, independently: object uniform over 0..9; azimuth uniform in [{@value #AZIMUTH_MIN},
 * {@value #AZIMUTH_MAX}] deg (the design positions -22.5..30 plus one step either side); vertical offset uniform in
 * [-{@value #VERTICAL_MAX}, +{@value #VERTICAL_MAX}] deg; size uniform in [{@value #SIZE_MIN}, {@value #SIZE_MAX}]
 * deg; in-plane rotation uniform in [-{@value #ROTATION_MAX}, +{@value #ROTATION_MAX}] deg; rotation in depth
 * uniform in [-{@value #DEPTH_ROTATION_MAX}, +{@value #DEPTH_ROTATION_MAX}] deg; gain log-uniform in
 * [{@value #GAIN_MIN}, 100] % (equal mass per halving, as in the 100/50/25/12.5 design); then noise N(0, SD
 * {@code pixelNoise}) per pixel clipped to [0, 1] (Box-Muller on {@link StrictMath}). Images are 1 channel, side
 * {@code imageSize}, with {@code supersampling}^2 rays per pixel (the design views use 3).
 *
 * <p>An image is a pure function of (seed, step, index): the same on every JVM and for every thread count.
 * Immutable and thread-safe.
 */
public final class TrainingImages {

    public static final double AZIMUTH_MIN = -30.0;
    public static final double AZIMUTH_MAX = 37.5;
    public static final double VERTICAL_MAX = 2.0;
    public static final double SIZE_MIN = 15.0;
    public static final double SIZE_MAX = 55.0;
    public static final double ROTATION_MAX = 40.0;
    public static final double DEPTH_ROTATION_MAX = 60.0;
    public static final double GAIN_MIN = 12.5;
    private static final double GAIN_MAX = 100.0;

    private final RatObjectStimulusSet set;
    private final double pixelNoise;

    private TrainingImages(RatObjectStimulusSet set, double pixelNoise) {
        this.set = set;
        this.pixelNoise = pixelNoise;
    }

    /**
     * @param imageSize     side in pixels, at least 8
     * @param supersampling rays per pixel along each axis, 1..8
     * @param pixelNoise    noise SD, units of white, finite and >= 0
     * @throws IllegalArgumentException naming the parameter
     */
    public static TrainingImages of(int imageSize, int supersampling, double pixelNoise) {
        if (!(pixelNoise >= 0.0 && Double.isFinite(pixelNoise))) {
            throw new IllegalArgumentException("pixelNoise must be finite and >= 0, was " + pixelNoise);
        }
        RatObjectStimulusSet set = RatObjectStimulusSet.withDefaults().withImageSize(imageSize)
                .withSupersampling(supersampling);
        return new TrainingImages(set, pixelNoise);
    }

    /** Number of objects (classes). */
    public int classes() {
        return set.objectNames().size();
    }

    public int imageSize() {
        return set.imageSize();
    }

    /** Every parameter that changes the images, in a fixed order (for provenance). */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("stimulus_set", RatObjectStimulusSet.NAME);
        p.put("renderer_version", RatObjectStimulusSet.RENDERER_VERSION);
        p.put("image_size", set.imageSize());
        p.put("field_of_view_degrees", set.fieldOfViewDegrees());
        p.put("supersampling", set.supersampling());
        p.put("azimuth_degrees", new double[] {AZIMUTH_MIN, AZIMUTH_MAX});
        p.put("vertical_offset_degrees", new double[] {-VERTICAL_MAX, VERTICAL_MAX});
        p.put("size_degrees", new double[] {SIZE_MIN, SIZE_MAX});
        p.put("rotation_degrees", new double[] {-ROTATION_MAX, ROTATION_MAX});
        p.put("depth_rotation_degrees", new double[] {-DEPTH_ROTATION_MAX, DEPTH_ROTATION_MAX});
        p.put("gain_percent_log_uniform", new double[] {GAIN_MIN, GAIN_MAX});
        p.put("pixel_noise", pixelNoise);
        return p;
    }

    /** One labelled training image. */
    public record Sample(int label, float[] pixels) {
    }

    /** The image number {@code index} of minibatch {@code step} of the stream {@code seed}. */
    public Sample sample(long seed, long step, int index) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(Seeds.mix(seed, step), index));
        int object = random.nextInt(classes());
        double azimuth = uniform(random, AZIMUTH_MIN, AZIMUTH_MAX);
        double vertical = uniform(random, -VERTICAL_MAX, VERTICAL_MAX);
        double size = uniform(random, SIZE_MIN, SIZE_MAX);
        double rotation = uniform(random, -ROTATION_MAX, ROTATION_MAX);
        double depth = uniform(random, -DEPTH_ROTATION_MAX, DEPTH_ROTATION_MAX);
        double gain = GAIN_MAX * StrictMath.pow(GAIN_MIN / GAIN_MAX, random.nextDouble());
        float[] pixels = set.renderPose(object, azimuth, size, rotation, depth, gain, vertical);
        for (int i = 0; i < pixels.length; i++) {
            double noisy = pixels[i] + pixelNoise * Seeds.gaussian(random);
            pixels[i] = (float) Math.min(1.0, Math.max(0.0, noisy));
        }
        return new Sample(object, pixels);
    }

    private static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }
}
