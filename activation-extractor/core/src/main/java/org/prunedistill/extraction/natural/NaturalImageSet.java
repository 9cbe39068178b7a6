package org.prunedistill.extraction.natural;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.prunedistill.extraction.training.Seeds;

/**
 * The natural-like image distribution of the deep built-in network ({@value #NAME}): one procedurally generated
 * object of one of {@code classes} classes ({@link NaturalObjectClass}), rendered in colour at a random pose, size,
 * position and lighting over a natural-like background ({@link NaturalBackground}: 1/f noise, colour, texture
 * patches) with clutter from other objects, then pixel noise.
 *
 * <p>Per image, independently (uniform unless said otherwise): class uniform; 0 to {@code maxClutter} (default {@value #MAX_CLUTTER}) clutter
 * objects of other classes, each of diameter [0.25, 0.5] x S anywhere in the image, drawn before the main object (so
 * it may hide them, never the reverse); the main object's diameter [{@value #SIZE_MIN}, {@value #SIZE_MAX}] x S,
 * centre within +-{@value #POSITION_MAX} x S of the image centre, rotation in depth (yaw) any angle, tilt and
 * in-plane rotation +-{@value #TILT_MAX} deg; every object's parts scaled by [0.85, 1.15] each; light from a random
 * direction towards the viewer (z >= 0.5 before normalising), colour tinted up to 15% per channel, intensity [0.7, 1.1], ambient
 * [0.1, 0.35]; Gaussian pixel noise SD {@code pixelNoise}, clipped to [0, 1].
 *
 * <p>Image {@code index} of stream {@code seed} is a pure function of (seed, index, the parameters), bit-identical
 * on every JVM; nothing is held in memory, so any number of images can be streamed. Images are channel-major RGB
 * [3][S][S] in [0, 1]. Immutable and thread-safe.
 */
public final class NaturalImageSet {

    /** Name of the distribution in provenance. */
    public static final String NAME = "natural-objects";
    /** Bump whenever the classes, the backgrounds or the renderer change. */
    public static final int GENERATOR_VERSION = 1;
    public static final int MAX_CLUTTER = 3;
    public static final double SIZE_MIN = 0.6;
    public static final double SIZE_MAX = 1.0;
    public static final double POSITION_MAX = 0.15;
    public static final double TILT_MAX = 30.0;
    private static final double CLUTTER_SIZE_MIN = 0.25;
    private static final double CLUTTER_SIZE_MAX = 0.5;

    private final int imageSize;
    private final int classes;
    private final int supersampling;
    private final double pixelNoise;
    private final int maxClutter;
    private final NaturalObjectClass[] design;

    private NaturalImageSet(int imageSize, int classes, int supersampling, double pixelNoise, int maxClutter) {
        if (imageSize < 8) {
            throw new IllegalArgumentException("imageSize must be >= 8, was " + imageSize);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, was " + classes);
        }
        if (supersampling < 1 || supersampling > 8) {
            throw new IllegalArgumentException("supersampling must be in [1, 8], was " + supersampling);
        }
        if (!(pixelNoise >= 0.0 && Double.isFinite(pixelNoise))) {
            throw new IllegalArgumentException("pixelNoise must be finite and >= 0, was " + pixelNoise);
        }
        if (maxClutter < 0) {
            throw new IllegalArgumentException("maxClutter must be >= 0, was " + maxClutter);
        }
        this.maxClutter = maxClutter;
        this.imageSize = imageSize;
        this.classes = classes;
        this.supersampling = supersampling;
        this.pixelNoise = pixelNoise;
        this.design = new NaturalObjectClass[classes];
        for (int k = 0; k < classes; k++) {
            design[k] = NaturalObjectClass.of(k);
        }
    }

    /** 64 px, 50 classes, 2 x 2 rays per pixel, pixel noise SD 0.01. */
    public static NaturalImageSet withDefaults() {
        return new NaturalImageSet(64, 50, 2, 0.01, MAX_CLUTTER);
    }

    public NaturalImageSet withImageSize(int value) {
        return new NaturalImageSet(value, classes, supersampling, pixelNoise, maxClutter);
    }

    public NaturalImageSet withClasses(int value) {
        return new NaturalImageSet(imageSize, value, supersampling, pixelNoise, maxClutter);
    }

    public NaturalImageSet withSupersampling(int value) {
        return new NaturalImageSet(imageSize, classes, value, pixelNoise, maxClutter);
    }

    public NaturalImageSet withPixelNoise(double value) {
        return new NaturalImageSet(imageSize, classes, supersampling, value, maxClutter);
    }

    /** At most this many clutter objects per image (0 gives an easy subset: one object on a background). */
    public NaturalImageSet withMaxClutter(int value) {
        return new NaturalImageSet(imageSize, classes, supersampling, pixelNoise, value);
    }

    public int imageSize() {
        return imageSize;
    }

    public int classes() {
        return classes;
    }

    /** Channels of every image (RGB). */
    public int channels() {
        return 3;
    }

    /** One labelled image: class id and channel-major RGB pixels. */
    public record Sample(int label, float[] pixels) {
    }

    /**
     * One labelled image with the main object's mask: per pixel ([S][S], row-major) the share of its rays that hit
     * the object of the class (the clutter behind it is not counted; nothing is drawn over the main object).
     */
    public record MaskedSample(int label, float[] pixels, float[] objectMask) {
    }

    /** Image {@code index} of the stream {@code seed}. */
    public Sample sample(long seed, long index) {
        MaskedSample sample = render(seed, index, null);
        return new Sample(sample.label(), sample.pixels());
    }

    /** {@link #sample} with the main object's mask, computed in the same pass. */
    public MaskedSample sampleWithMask(long seed, long index) {
        return render(seed, index, new float[imageSize * imageSize]);
    }

    /** The class of image {@code index} of the stream {@code seed} (the image's first draw), without rendering. */
    public int label(long seed, long index) {
        return random(seed, index).nextInt(classes);
    }

    private SplittableRandom random(long seed, long index) {
        return new SplittableRandom(Seeds.mix(Seeds.mix(seed, index), GENERATOR_VERSION));
    }

    private MaskedSample render(long seed, long index, float[] mask) {
        SplittableRandom random = random(seed, index);
        int label = random.nextInt(classes);
        float[] image = new float[3 * imageSize * imageSize];
        NaturalBackground.paint(random, image, imageSize);
        int clutter = random.nextInt(maxClutter + 1);
        for (int k = 0; k < clutter; k++) {
            int other = (label + 1 + random.nextInt(classes - 1)) % classes;
            double size = uniform(random, CLUTTER_SIZE_MIN, CLUTTER_SIZE_MAX) * imageSize;
            double x = imageSize * random.nextDouble();
            double y = imageSize * random.nextDouble();
            draw(random, design[other], x, y, size, image, null);
        }
        double size = uniform(random, SIZE_MIN, SIZE_MAX) * imageSize;
        double x = imageSize * (0.5 + uniform(random, -POSITION_MAX, POSITION_MAX));
        double y = imageSize * (0.5 + uniform(random, -POSITION_MAX, POSITION_MAX));
        draw(random, design[label], x, y, size, image, mask);
        for (int i = 0; i < image.length; i++) {
            double noisy = image[i] + pixelNoise * Seeds.gaussian(random);
            image[i] = (float) Math.min(1.0, Math.max(0.0, noisy));
        }
        return new MaskedSample(label, image, mask);
    }

    /** Every parameter that changes the images, in a fixed order (for provenance). */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("stimulus_set", NAME);
        p.put("generator_version", GENERATOR_VERSION);
        p.put("image_size", imageSize);
        p.put("channels", 3);
        p.put("classes", classes);
        p.put("supersampling", supersampling);
        p.put("pixel_noise", pixelNoise);
        p.put("max_clutter", maxClutter);
        return p;
    }

    private void draw(SplittableRandom random, NaturalObjectClass objectClass, double x, double y, double diameter,
                      float[] image, float[] mask) {
        double[] scales = new double[objectClass.partCount()];
        for (int k = 0; k < scales.length; k++) {
            scales[k] = uniform(random, NaturalObjectClass.PART_SCALE_MIN, NaturalObjectClass.PART_SCALE_MAX);
        }
        double[] light = NaturalObjectClass.unit(random);
        light[2] = Math.max(0.5, Math.abs(light[2]));
        double n = Math.sqrt(light[0] * light[0] + light[1] * light[1] + light[2] * light[2]);
        light = new double[] {light[0] / n, light[1] / n, light[2] / n};
        double intensity = uniform(random, 0.7, 1.1);
        double[] tint = new double[3];
        for (int c = 0; c < 3; c++) {
            tint[c] = intensity * uniform(random, 0.85, 1.0);
        }
        ColourRenderer.Pose pose = new ColourRenderer.Pose(x, y, diameter / 2, uniform(random, -TILT_MAX, TILT_MAX),
                uniform(random, -TILT_MAX, TILT_MAX), uniform(random, 0.0, 360.0), light, tint,
                uniform(random, 0.1, 0.35));
        ColourRenderer.draw(objectClass, scales, pose, image, mask, imageSize, supersampling);
    }

    private static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }
}
