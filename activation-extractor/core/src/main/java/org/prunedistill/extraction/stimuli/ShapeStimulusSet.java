package org.prunedistill.extraction.stimuli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * A small procedurally rendered object set ("shapes"), laid out like the rat design of Tafazoli et al. (2017,
 * eLife 6:e22794): every object is shown in views that each change one transformation axis.
 *
 * <p><b>Objects</b> (ids 0..5): sphere, cube, pyramid, cross, torus, lollipop; shaded grey solids on a black
 * background (see {@code ShapeObject}). <b>Geometry</b>: the image spans {@value #FIELD_OF_VIEW_DEGREES} degrees
 * of visual angle horizontally and vertically whatever its side in pixels, so degrees per pixel =
 * 64 / imageSize (2 at the default side of 32). <b>Default view</b>: centred (0 deg), diameter
 * {@value #DEFAULT_SIZE_DEGREES} deg, upright, 100% luminance. <b>Views per object</b> (22, in this order):
 * <ul>
 *   <li>9 positions, azimuth -20..+20 deg in steps of 5 ({@link #POSITIONS_DEGREES}); the 0 deg one is the default
 *       view;</li>
 *   <li>4 sizes 12, 18, 30, 36 deg ({@link #SIZES_DEGREES}, 0.5x..1.5x the default) at the default position;</li>
 *   <li>6 in-plane rotations -60, -40, -20, +20, +40, +60 deg ({@link #ROTATIONS_DEGREES}, counter-clockwise
 *       positive); the rendered object turns with its shading, like a rotated photograph;</li>
 *   <li>3 luminance levels 50, 25, 12.5% of the default ({@link #LUMINANCES_PERCENT}).</li>
 * </ul>
 * Condition index = object * viewsPerObject + view, so the default set has 6 x 22 = 132 conditions.
 *
 * <p><b>Trials.</b> A CNN unit is deterministic, so trial-to-trial variability is produced by rendering each
 * condition again with a random sub-pixel offset, uniform in [-jitter, +jitter] pixels on each axis (default 0.5),
 * plus independent Gaussian pixel noise (SD default 0.02 of white), clipped to [0, 1]. The randomness of a trial is
 * a pure function of (seed, condition, trial): the same seed gives bit-identical images on every JVM.
 *
 * <p>Instances are immutable and thread-safe; {@code with...} methods return new instances. Bad arguments throw
 * {@link IllegalArgumentException} naming the parameter.
 */
public final class ShapeStimulusSet implements RenderedStimulusSet {

    /** Visual angle spanned by the image side, degrees. */
    public static final double FIELD_OF_VIEW_DEGREES = 64.0;
    /** Diameter of the object's bounding disk in the default view, degrees. */
    public static final double DEFAULT_SIZE_DEGREES = 24.0;
    /** Position views: horizontal offsets, degrees azimuth; 0 is the default view. */
    public static final List<Double> POSITIONS_DEGREES = List.of(-20.0, -15.0, -10.0, -5.0, 0.0, 5.0, 10.0, 15.0, 20.0);
    /** Size views: diameters, degrees of visual angle. */
    public static final List<Double> SIZES_DEGREES = List.of(12.0, 18.0, 30.0, 36.0);
    /** Rotation views: in-plane angles, degrees counter-clockwise. */
    public static final List<Double> ROTATIONS_DEGREES = List.of(-60.0, -40.0, -20.0, 20.0, 40.0, 60.0);
    /** Luminance views: object luminance in percent of the default. */
    public static final List<Double> LUMINANCES_PERCENT = List.of(50.0, 25.0, 12.5);

    private static final int DEFAULT_IMAGE_SIZE = 32;
    private static final int MIN_IMAGE_SIZE = 8;
    private static final int DEFAULT_TRIALS = 10;
    private static final double DEFAULT_JITTER_PIXELS = 0.5;
    private static final double DEFAULT_PIXEL_NOISE = 0.02;
    private static final double PERCENT = 100.0;

    private final int imageSize;
    private final int trials;
    private final double jitter;
    private final double pixelNoise;
    private final List<View> views;
    private final List<StimulusCondition> conditions;

    /** One rendered view of one object, in physical units. */
    private record View(ShapeObject object, String axis, double value, double positionDeg, double sizeDeg,
                        double rotationDeg, double gain) {
    }

    private ShapeStimulusSet(int imageSize, int trials, double jitter, double pixelNoise) {
        this.imageSize = imageSize;
        this.trials = trials;
        this.jitter = jitter;
        this.pixelNoise = pixelNoise;
        this.views = design();
        this.conditions = describe();
    }

    /** The default set: 32 x 32 pixels, 10 trials, 0.5 pixel jitter, pixel noise SD 0.02. */
    public static ShapeStimulusSet withDefaults() {
        return new ShapeStimulusSet(DEFAULT_IMAGE_SIZE, DEFAULT_TRIALS, DEFAULT_JITTER_PIXELS, DEFAULT_PIXEL_NOISE);
    }

    /** Same set rendered at another side length (pixels, at least 8). */
    public ShapeStimulusSet withImageSize(int imageSize) {
        if (imageSize < MIN_IMAGE_SIZE) {
            throw new IllegalArgumentException("imageSize must be >= " + MIN_IMAGE_SIZE + ", was " + imageSize);
        }
        return new ShapeStimulusSet(imageSize, trials, jitter, pixelNoise);
    }

    /** Same set with another number of trials per condition (at least 1). */
    public ShapeStimulusSet withTrials(int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, was " + trials);
        }
        return new ShapeStimulusSet(imageSize, trials, jitter, pixelNoise);
    }

    /** Same set with another maximum position jitter per axis, in pixels (0 disables jitter). */
    public ShapeStimulusSet withJitter(double pixels) {
        if (!(pixels >= 0.0 && Double.isFinite(pixels))) {
            throw new IllegalArgumentException("jitter pixels must be finite and >= 0, was " + pixels);
        }
        return new ShapeStimulusSet(imageSize, trials, pixels, pixelNoise);
    }

    /** Same set with another pixel noise SD, in units of white (0 disables noise). */
    public ShapeStimulusSet withPixelNoise(double sd) {
        if (!(sd >= 0.0 && Double.isFinite(sd))) {
            throw new IllegalArgumentException("pixel noise sd must be finite and >= 0, was " + sd);
        }
        return new ShapeStimulusSet(imageSize, trials, jitter, sd);
    }

    /** Image side in pixels. */
    @Override
    public String name() {
        return "shapes";
    }

    /** Grey images: one channel. */
    @Override
    public int channels() {
        return 1;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("image_size", Integer.toString(imageSize), "trials", Integer.toString(trials),
                "jitter_pixels", Double.toString(jitter), "pixel_noise", Double.toString(pixelNoise));
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    /** Trials per condition. */
    public int trials() {
        return trials;
    }

    /** Maximum position jitter per axis, pixels. */
    public double jitter() {
        return jitter;
    }

    /** Pixel noise SD, units of white. */
    public double pixelNoise() {
        return pixelNoise;
    }

    /** Degrees of visual angle per pixel at this image size. */
    public double degreesPerPixel() {
        return FIELD_OF_VIEW_DEGREES / imageSize;
    }

    /** Object names by object id. */
    public List<String> objectNames() {
        return Arrays.stream(ShapeObject.values()).map(ShapeObject::displayName).toList();
    }

    /** Views per object (22 in the default design). */
    public int viewsPerObject() {
        return views.size() / ShapeObject.values().length;
    }

    /** All conditions, ordered by index (object-major). */
    public List<StimulusCondition> conditions() {
        return conditions;
    }

    /**
     * Renders one trial of a condition: jittered position and pixel noise drawn from (seed, condition, trial).
     *
     * @return imageSize * imageSize luminances in [0, 1], row-major, one channel
     * @throws IllegalArgumentException if the condition index or the trial is out of range
     */
    public float[] render(int conditionIndex, int trial, long seed) {
        View view = view(conditionIndex);
        if (trial < 0 || trial >= trials) {
            throw new IllegalArgumentException("trial must be in [0, " + trials + "), was " + trial);
        }
        SplittableRandom random = TrialRandom.of(seed, conditionIndex, trial);
        double dx = TrialRandom.symmetric(random) * jitter;
        double dy = TrialRandom.symmetric(random) * jitter;
        float[] image = draw(view, dx, dy);
        TrialRandom.addPixelNoise(image, pixelNoise, random);
        return image;
    }

    /**
     * Renders a condition without jitter or noise; its mean and SD are the condition's luminance and contrast.
     *
     * @return imageSize * imageSize luminances in [0, 1], row-major, one channel
     * @throws IllegalArgumentException if the condition index is out of range
     */
    public float[] renderClean(int conditionIndex) {
        return draw(view(conditionIndex), 0.0, 0.0);
    }

    /**
     * Renders a condition without jitter or noise, with its object mask: per pixel the share of the 4 x 4 samples
     * that fall on the object (a dimmed view has the same mask as its full-luminance pose).
     *
     * @throws IllegalArgumentException if the condition index is out of range
     */
    @Override
    public CleanRendering renderCleanWithMask(int conditionIndex) {
        ObjectImage drawn = rasterise(view(conditionIndex), 0.0, 0.0);
        return new CleanRendering(drawn.grey(), Optional.of(drawn.objectMask()));
    }

    private View view(int conditionIndex) {
        if (conditionIndex < 0 || conditionIndex >= views.size()) {
            throw new IllegalArgumentException(
                    "conditionIndex must be in [0, " + views.size() + "), was " + conditionIndex);
        }
        return views.get(conditionIndex);
    }

    private float[] draw(View view, double dxPixels, double dyPixels) {
        return rasterise(view, dxPixels, dyPixels).grey();
    }

    private ObjectImage rasterise(View view, double dxPixels, double dyPixels) {
        double degreesPerPixel = degreesPerPixel();
        double centreX = imageSize / 2.0 + view.positionDeg() / degreesPerPixel + dxPixels;
        double centreY = imageSize / 2.0 + dyPixels;
        double radius = view.sizeDeg() / 2.0 / degreesPerPixel;
        return ShapeRasteriser.rasterise(view.object(), imageSize, centreX, centreY, radius, view.rotationDeg(),
                view.gain());
    }

    private static List<View> design() {
        List<View> result = new ArrayList<>();
        double size = DEFAULT_SIZE_DEGREES;
        for (ShapeObject object : ShapeObject.values()) {
            for (double x : POSITIONS_DEGREES) {
                result.add(new View(object, StimulusCondition.POSITION, x, x, size, 0.0, 1.0));
            }
            for (double s : SIZES_DEGREES) {
                result.add(new View(object, StimulusCondition.SIZE, s, 0.0, s, 0.0, 1.0));
            }
            for (double r : ROTATIONS_DEGREES) {
                result.add(new View(object, StimulusCondition.ROTATION, r, 0.0, size, r, 1.0));
            }
            for (double l : LUMINANCES_PERCENT) {
                result.add(new View(object, StimulusCondition.LUMINANCE, l, 0.0, size, 0.0, l / PERCENT));
            }
        }
        return List.copyOf(result);
    }

    private List<StimulusCondition> describe() {
        List<StimulusCondition> result = new ArrayList<>(views.size());
        for (int index = 0; index < views.size(); index++) {
            View view = views.get(index);
            float[] clean = draw(view, 0.0, 0.0);
            result.add(new StimulusCondition(index, view.object().ordinal(), view.object().displayName(),
                    view.axis(), view.value(), ImageStatistics.luminancePercent(clean),
                    ImageStatistics.contrastPercent(clean)));
        }
        return List.copyOf(result);
    }
}
