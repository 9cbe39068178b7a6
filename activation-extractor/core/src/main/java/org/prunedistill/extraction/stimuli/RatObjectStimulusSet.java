package org.prunedistill.extraction.stimuli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * The rat object set ("rat-objects") of Tafazoli et al. (2017, eLife 6:e22794), SCIENCE.md section 2: ten shaded
 * solids ({@code RatObject}: cube, cylinder, cone, torus, dumbbell, snowman, hammer, l-block, jack, saturn) on a
 * black background, ray-cast in 3-D by {@code SolidRenderer}, 38 views each, 380 conditions.
 *
 * <p><b>Default pose</b>: size {@value #DEFAULT_SIZE_DEGREES} deg (diameter of the object's bounding sphere), no
 * rotation, 100% luminance, seen from {@value #ELEVATION_DEGREES} deg above (a fixed camera tilt so that tops read
 * as solid). <b>Views per object</b>, in index order: 8 positions -22.5..+30 deg azimuth step 7.5 at the default
 * pose; then at -15 deg and again at +15 deg: sizes 15, 25, 45, 55 deg; in-plane rotations -40, -20, +20, +40 deg
 * (the 3-D shape turns about the viewing axis; the light stays put); rotations in depth -60, -40, +40, +60 deg about
 * the object's vertical axis (the shape is turned and re-projected); luminance 50, 25, 12.5% (8 + 2 x 15 = 38).
 * Condition index = object x 38 + view.
 *
 * <p><b>Geometry</b>: the square image spans the field of view (default {@value #DEFAULT_FIELD_OF_VIEW_DEGREES}
 * deg) horizontally and vertically; degrees map to pixels linearly (a flat-screen small-angle approximation):
 * x_px = side / 2 + azimuth / (fieldOfView / side), the object centred vertically. At 64 px, 1 px = 1.5625 deg.
 * <b>Images</b>: values in [0, 1], {@code channels} copies of the grey image, channel-major [C][H][W].
 *
 * <p><b>Trials</b>: {@code render} shifts the object by a uniform offset in [-jitter, +jitter] degrees on each axis
 * (default 0.5) and adds Gaussian pixel noise (SD default 0.02 of white) clipped to [0, 1]; the randomness is a pure
 * function of (seed, condition, trial), bit-identical on every JVM. {@code renderClean} has neither; its mean and
 * SD are a view's {@code luminance} and {@code contrast} (% of white).
 *
 * <p>Instances are immutable and thread-safe; {@code with...} methods return new instances and bad arguments throw
 * {@link IllegalArgumentException} naming the parameter. Metadata needing the clean images is computed on first use.
 */
public final class RatObjectStimulusSet implements RenderedStimulusSet {

    /** Name of the set in requests and content hashes. */
    public static final String NAME = "rat-objects";
    /** Bumped whenever objects, design or renderer change, so old content hashes stop matching. */
    public static final int RENDERER_VERSION = 1;
    /** Axis of the rotation-in-depth views (degrees). */
    public static final String DEPTH_ROTATION = StimulusCondition.DEPTH_ROTATION;
    /** Default visual angle spanned by the image side, degrees. */
    public static final double DEFAULT_FIELD_OF_VIEW_DEGREES = 100.0;
    /** Diameter of the object's bounding sphere in the default pose, degrees. */
    public static final double DEFAULT_SIZE_DEGREES = 35.0;
    /** Fixed camera elevation: every object is seen from this many degrees above its equator. */
    public static final double ELEVATION_DEGREES = 20.0;
    /** Position views, degrees azimuth. */
    public static final List<Double> POSITIONS_DEGREES = List.of(-22.5, -15.0, -7.5, 0.0, 7.5, 15.0, 22.5, 30.0);
    /** Size views, degrees. */
    public static final List<Double> SIZES_DEGREES = List.of(15.0, 25.0, 45.0, 55.0);
    /** In-plane rotation views, degrees counter-clockwise. */
    public static final List<Double> ROTATIONS_DEGREES = List.of(-40.0, -20.0, 20.0, 40.0);
    /** Rotation-in-depth views, degrees about the vertical axis (right side away = +). */
    public static final List<Double> DEPTH_ROTATIONS_DEGREES = List.of(-60.0, -40.0, 40.0, 60.0);
    /** Luminance views, % of the default. */
    public static final List<Double> LUMINANCES_PERCENT = List.of(50.0, 25.0, 12.5);

    private static final int MIN_IMAGE_SIZE = 8;
    private static final int MAX_CHANNELS = 4;
    private static final double PERCENT = 100.0;
    private static final List<RatDesign.Pose> POSES = RatDesign.poses();
    private static final RatObject[] OBJECTS = RatObject.values();

    private final Settings settings;
    private volatile List<RatView> views;

    /** Every parameter that changes the images. */
    private record Settings(int imageSize, int channels, double fieldOfViewDegrees, int trials, double jitterDegrees,
                            double pixelNoise, int supersampling) {
    }

    private RatObjectStimulusSet(Settings settings) {
        this.settings = settings;
    }

    /** 64 x 64 px, 1 channel, 100 deg field of view, 10 trials, 0.5 deg jitter, noise SD 0.02, 3 x 3 rays/px. */
    public static RatObjectStimulusSet withDefaults() {
        return new RatObjectStimulusSet(new Settings(64, 1, DEFAULT_FIELD_OF_VIEW_DEGREES, 10, 0.5, 0.02, 3));
    }

    /** Same set at another side length (pixels, at least 8). */
    public RatObjectStimulusSet withImageSize(int imageSize) {
        require(imageSize >= MIN_IMAGE_SIZE, "imageSize must be >= " + MIN_IMAGE_SIZE + ", was " + imageSize);
        Settings s = settings;
        return new RatObjectStimulusSet(new Settings(imageSize, s.channels, s.fieldOfViewDegrees, s.trials,
                s.jitterDegrees, s.pixelNoise, s.supersampling));
    }

    /** Same set with 1..4 identical channels (3 for ImageNet models). */
    public RatObjectStimulusSet withChannels(int channels) {
        require(channels >= 1 && channels <= MAX_CHANNELS, "channels must be in [1, 4], was " + channels);
        Settings s = settings;
        return new RatObjectStimulusSet(new Settings(s.imageSize, channels, s.fieldOfViewDegrees, s.trials,
                s.jitterDegrees, s.pixelNoise, s.supersampling));
    }

    /** Same set with another field of view (degrees spanned by the image side, in (0, 360]). */
    public RatObjectStimulusSet withFieldOfView(double degrees) {
        require(degrees > 0.0 && degrees <= 360.0, "fieldOfViewDegrees must be in (0, 360], was " + degrees);
        Settings s = settings;
        return new RatObjectStimulusSet(new Settings(s.imageSize, s.channels, degrees, s.trials, s.jitterDegrees,
                s.pixelNoise, s.supersampling));
    }

    /** Same set with another number of trials per condition (at least 1). */
    public RatObjectStimulusSet withTrials(int trials) {
        require(trials >= 1, "trials must be >= 1, was " + trials);
        Settings s = settings;
        return new RatObjectStimulusSet(new Settings(s.imageSize, s.channels, s.fieldOfViewDegrees, trials,
                s.jitterDegrees, s.pixelNoise, s.supersampling));
    }

    /** Same set with another maximum position jitter per axis, degrees (0 disables jitter; below 1 deg). */
    public RatObjectStimulusSet withJitter(double degrees) {
        require(degrees >= 0.0 && degrees < 1.0, "jitter degrees must be in [0, 1), was " + degrees);
        Settings s = settings;
        return new RatObjectStimulusSet(new Settings(s.imageSize, s.channels, s.fieldOfViewDegrees, s.trials,
                degrees, s.pixelNoise, s.supersampling));
    }

    /** Same set with another pixel noise SD, units of white (0 disables noise). */
    public RatObjectStimulusSet withPixelNoise(double sd) {
        require(sd >= 0.0 && Double.isFinite(sd), "pixel noise sd must be finite and >= 0, was " + sd);
        Settings s = settings;
        return new RatObjectStimulusSet(new Settings(s.imageSize, s.channels, s.fieldOfViewDegrees, s.trials,
                s.jitterDegrees, sd, s.supersampling));
    }

    /** Same set with s x s rays per pixel (1..8; anti-aliasing). */
    public RatObjectStimulusSet withSupersampling(int s) {
        require(s >= 1 && s <= 8, "supersampling must be in [1, 8], was " + s);
        Settings t = settings;
        return new RatObjectStimulusSet(new Settings(t.imageSize, t.channels, t.fieldOfViewDegrees, t.trials,
                t.jitterDegrees, t.pixelNoise, s));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int imageSize() {
        return settings.imageSize;
    }

    public int channels() {
        return settings.channels;
    }

    public double fieldOfViewDegrees() {
        return settings.fieldOfViewDegrees;
    }

    public int trials() {
        return settings.trials;
    }

    /** Maximum position jitter per axis, degrees. */
    public double jitterDegrees() {
        return settings.jitterDegrees;
    }

    /** Pixel noise SD, units of white. */
    public double pixelNoise() {
        return settings.pixelNoise;
    }

    public int supersampling() {
        return settings.supersampling;
    }

    /** Degrees of visual angle per pixel. */
    public double degreesPerPixel() {
        return settings.fieldOfViewDegrees / settings.imageSize;
    }

    /** Object names by object id. */
    public List<String> objectNames() {
        return Arrays.stream(OBJECTS).map(RatObject::displayName).toList();
    }

    /** Views per object (38). */
    public int viewsPerObject() {
        return POSES.size();
    }

    /** Number of conditions (objects x views per object = 380). */
    public int conditionCount() {
        return OBJECTS.length * POSES.size();
    }

    /** Every parameter that changes the images, in a fixed order (for content hashes and provenance). */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("renderer_version", Integer.toString(RENDERER_VERSION));
        p.put("image_size", Integer.toString(settings.imageSize));
        p.put("channels", Integer.toString(settings.channels));
        p.put("field_of_view_degrees", Double.toString(settings.fieldOfViewDegrees));
        p.put("trials", Integer.toString(settings.trials));
        p.put("jitter_degrees", Double.toString(settings.jitterDegrees));
        p.put("pixel_noise", Double.toString(settings.pixelNoise));
        p.put("supersampling", Integer.toString(settings.supersampling));
        return p;
    }

    /** Full metadata of every condition, by index; renders the 380 clean images once, on first call. */
    public List<RatView> views() {
        List<RatView> result = views;
        if (result == null) {
            result = describe();
            views = result;
        }
        return result;
    }

    /** The conditions as shared records. */
    public List<StimulusCondition> conditions() {
        return views().stream().map(RatView::toCondition).toList();
    }

    /**
     * Per object, the 23 condition indices a single unit is analysed on: the 8 position views and the 15 views at
     * the default position nearer the given azimuth (its receptive-field centre; a tie at 0 goes to -15).
     *
     * @return [object][23] condition indices, ascending within an object
     */
    public int[][] viewsNearestTo(double azimuthDegrees) {
        return RatDesign.nearest(POSES, OBJECTS.length, PositionGroup.nearestTo(azimuthDegrees));
    }

    /** The 19 aligned views per object used by population analyses; see {@link AlignedViews} for the reading. */
    public AlignedViews alignedViews() {
        return RatDesign.aligned(POSES, OBJECTS.length);
    }

    /**
     * Renders one trial: jittered position and pixel noise drawn from (seed, condition, trial).
     *
     * @return channels * imageSize * imageSize values in [0, 1], channel-major, row-major within a channel
     * @throws IllegalArgumentException if the condition index or the trial is out of range
     */
    public float[] render(int conditionIndex, int trial, long seed) {
        checkCondition(conditionIndex);
        require(trial >= 0 && trial < settings.trials, "trial must be in [0, " + settings.trials + "), was " + trial);
        SplittableRandom random = TrialRandom.of(seed, conditionIndex, trial);
        double dx = TrialRandom.symmetric(random) * settings.jitterDegrees;
        double dy = TrialRandom.symmetric(random) * settings.jitterDegrees;
        float[] grey = drawGrey(conditionIndex, dx, dy);
        TrialRandom.addPixelNoise(grey, settings.pixelNoise, random);
        return replicate(grey);
    }

    /**
     * Renders a condition without jitter or noise.
     *
     * @return channels * imageSize * imageSize values in [0, 1], channel-major
     * @throws IllegalArgumentException if the condition index is out of range
     */
    public float[] renderClean(int conditionIndex) {
        checkCondition(conditionIndex);
        return replicate(drawGrey(conditionIndex, 0.0, 0.0));
    }

    /**
     * Renders a condition without jitter or noise, with its object mask: per pixel the share of the rays that hit
     * the object (a dimmed view has the same mask as its full-luminance pose).
     *
     * @throws IllegalArgumentException if the condition index is out of range
     */
    @Override
    public CleanRendering renderCleanWithMask(int conditionIndex) {
        checkCondition(conditionIndex);
        ObjectImage drawn = draw(conditionIndex, 0.0, 0.0);
        return new CleanRendering(replicate(drawn.grey()), Optional.of(drawn.objectMask()));
    }

    /**
     * Renders one object in an arbitrary pose, without jitter or noise, with this set's image size, channels, field
     * of view and supersampling (the design views are special cases: {@code renderClean(c)} equals this method with
     * the pose of {@code views().get(c)} and a zero vertical offset). For training on continuous transformations.
     *
     * @param objectIndex           object id, 0..9 (see {@link #objectNames()})
     * @param azimuthDegrees        horizontal position of the object centre, degrees (right = +)
     * @param sizeDegrees           diameter of the object's bounding sphere, degrees, &gt; 0
     * @param rotationDegrees       in-plane rotation, degrees counter-clockwise
     * @param depthRotationDegrees  rotation in depth about the object's vertical axis, degrees (right side away = +)
     * @param gainPercent           object luminance, % of the default, in (0, 100]
     * @param verticalOffsetDegrees vertical position of the object centre, degrees (up = +)
     * @return channels * imageSize * imageSize values in [0, 1], channel-major
     * @throws IllegalArgumentException naming the parameter if the object is unknown or a value is out of range or
     *                                  not finite
     */
    public float[] renderPose(int objectIndex, double azimuthDegrees, double sizeDegrees, double rotationDegrees,
                              double depthRotationDegrees, double gainPercent, double verticalOffsetDegrees) {
        require(objectIndex >= 0 && objectIndex < OBJECTS.length,
                "objectIndex must be in [0, " + OBJECTS.length + "), was " + objectIndex);
        requireFinite(azimuthDegrees, "azimuthDegrees");
        requireFinite(rotationDegrees, "rotationDegrees");
        requireFinite(depthRotationDegrees, "depthRotationDegrees");
        requireFinite(verticalOffsetDegrees, "verticalOffsetDegrees");
        require(sizeDegrees > 0.0 && Double.isFinite(sizeDegrees), "sizeDegrees must be finite and > 0, was "
                + sizeDegrees);
        require(gainPercent > 0.0 && gainPercent <= PERCENT, "gainPercent must be in (0, 100], was " + gainPercent);
        return replicate(draw(OBJECTS[objectIndex], azimuthDegrees, sizeDegrees, rotationDegrees, depthRotationDegrees,
                gainPercent, verticalOffsetDegrees).grey());
    }

    private float[] drawGrey(int conditionIndex, double dxDegrees, double dyDegrees) {
        return draw(conditionIndex, dxDegrees, dyDegrees).grey();
    }

    private ObjectImage draw(int conditionIndex, double dxDegrees, double dyDegrees) {
        RatObject object = OBJECTS[conditionIndex / POSES.size()];
        RatDesign.Pose pose = POSES.get(conditionIndex % POSES.size());
        return draw(object, pose.azimuthDegrees() + dxDegrees, pose.sizeDegrees(), pose.rotationDegrees(),
                pose.depthRotationDegrees(), pose.gainPercent(), dyDegrees);
    }

    private ObjectImage draw(RatObject object, double azimuthDegrees, double sizeDegrees, double rotationDegrees,
                             double depthRotationDegrees, double gainPercent, double upDegrees) {
        double perPixel = degreesPerPixel();
        double centreX = settings.imageSize / 2.0 + azimuthDegrees / perPixel;
        double centreY = settings.imageSize / 2.0 - upDegrees / perPixel;
        double radius = sizeDegrees / 2.0 / perPixel;
        double[][] toObject = SolidRenderer.viewToObject(rotationDegrees, ELEVATION_DEGREES, depthRotationDegrees);
        return SolidRenderer.render(object.solid(), toObject, settings.imageSize, centreX, centreY, radius,
                gainPercent / PERCENT, settings.supersampling);
    }

    private float[] replicate(float[] grey) {
        float[] out = new float[settings.channels * grey.length];
        for (int c = 0; c < settings.channels; c++) {
            System.arraycopy(grey, 0, out, c * grey.length, grey.length);
        }
        return out;
    }

    private List<RatView> describe() {
        List<RatView> result = new ArrayList<>(conditionCount());
        for (int index = 0; index < conditionCount(); index++) {
            RatObject object = OBJECTS[index / POSES.size()];
            RatDesign.Pose p = POSES.get(index % POSES.size());
            float[] clean = drawGrey(index, 0.0, 0.0);
            result.add(new RatView(index, object.ordinal(), object.displayName(), p.axis(), p.value(), p.group(),
                    p.azimuthDegrees(), p.sizeDegrees(), p.rotationDegrees(), p.depthRotationDegrees(),
                    p.gainPercent(), ImageStatistics.clampPercent(ImageStatistics.luminancePercent(clean)),
                    ImageStatistics.clampPercent(ImageStatistics.contrastPercent(clean))));
        }
        return List.copyOf(result);
    }

    private void checkCondition(int conditionIndex) {
        require(conditionIndex >= 0 && conditionIndex < conditionCount(),
                "conditionIndex must be in [0, " + conditionCount() + "), was " + conditionIndex);
    }

    private static void requireFinite(double value, String name) {
        require(Double.isFinite(value), name + " must be finite, was " + value);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
