package org.prunedistill.extraction.stimuli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.extraction.natural.NaturalImageSet;

/**
 * The natural-like images of the deep built-in network as a stimulus set of a run ({@value #NAME}): a held-out set
 * of {@code classes x exemplars} images of {@link NaturalImageSet}, drawn from a stream ({@value #STREAM}) that
 * neither training (the training seed mixed with a key) nor the trainer's held-out accuracy (stream 2017) uses.
 *
 * <p>Conditions: object = class; exemplar k of class c is the k-th image of the stream whose class is c, so every
 * class has the same number of conditions (axis {@code exemplar}, value k); condition index = class x exemplars + k.
 * I(R;O) is then the information about the class across its exemplars (each with its own pose, size, position,
 * lighting, background and clutter), and each condition is one point of the intrinsic-dimension analyses. Exemplar
 * k of one class has nothing in common with exemplar k of another but its number: generalisation "across views"
 * becomes generalisation across exemplars. Luminance and contrast are those of the clean image (Rec. 601 luma, mean
 * and SD x 100, % of white), as for the rat design.
 *
 * <p>The clean images are rendered without pixel noise; trials add Gaussian pixel noise of SD {@code pixelNoise}
 * (default 0.02, the rendered sets' trial noise; no shift: re-rendering every trial would cost 10 times the clean
 * set), a pure function of (seed, condition, trial). The object mask is the class object's (clutter behind it is
 * background). Degrees per pixel are the rat set's (100 deg across the image); the set has no default positions.
 * The clean images are rendered once, in parallel, on first use (about 25 MB at 500 conditions of 64 px).
 * Immutable and thread-safe.
 */
public final class NaturalObjectStimulusSet implements RenderedStimulusSet {

    /** Name in run specs. */
    public static final String NAME = NaturalImageSet.NAME;
    /** Stream of the images: distinct from the training stream and from the trainer's held-out stream 2017. */
    public static final long STREAM = 2022L;
    private static final double FIELD_OF_VIEW_DEGREES = 100.0;

    private final NaturalImageSet images;
    private final int exemplars;
    private final int trials;
    private final double pixelNoise;
    private volatile Rendered rendered;

    /** The clean images, their masks and metadata, in condition order. */
    private record Rendered(List<StimulusCondition> conditions, float[][] clean, float[][] masks) {
    }

    private NaturalObjectStimulusSet(NaturalImageSet images, int exemplars, int trials, double pixelNoise) {
        require(exemplars >= 2, "exemplars must be >= 2, was " + exemplars);
        require(trials >= 1, "trials must be >= 1, was " + trials);
        require(pixelNoise >= 0.0 && Double.isFinite(pixelNoise), "pixelNoise must be finite and >= 0, was "
                + pixelNoise);
        this.images = images.withPixelNoise(0.0);
        this.exemplars = exemplars;
        this.trials = trials;
        this.pixelNoise = pixelNoise;
    }

    /** 50 classes x 10 exemplars = 500 conditions at 64 px (the deep network's images), 10 trials, noise SD 0.02. */
    public static NaturalObjectStimulusSet withDefaults() {
        return new NaturalObjectStimulusSet(NaturalImageSet.withDefaults(), 10, 10, 0.02);
    }

    public NaturalObjectStimulusSet withImageSize(int value) {
        return new NaturalObjectStimulusSet(images.withImageSize(value), exemplars, trials, pixelNoise);
    }

    public NaturalObjectStimulusSet withClasses(int value) {
        return new NaturalObjectStimulusSet(images.withClasses(value), exemplars, trials, pixelNoise);
    }

    public NaturalObjectStimulusSet withExemplars(int value) {
        return new NaturalObjectStimulusSet(images, value, trials, pixelNoise);
    }

    public NaturalObjectStimulusSet withTrials(int value) {
        return new NaturalObjectStimulusSet(images, exemplars, value, pixelNoise);
    }

    public NaturalObjectStimulusSet withPixelNoise(double value) {
        return new NaturalObjectStimulusSet(images, exemplars, trials, value);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<StimulusCondition> conditions() {
        return rendered().conditions();
    }

    /** "class-00", "class-01", ... by class id. */
    @Override
    public List<String> objectNames() {
        return IntStream.range(0, images.classes()).mapToObj(NaturalObjectStimulusSet::className).toList();
    }

    @Override
    public int imageSize() {
        return images.imageSize();
    }

    @Override
    public int channels() {
        return images.channels();
    }

    @Override
    public int trials() {
        return trials;
    }

    /** Exemplars (conditions) per class. */
    public int exemplars() {
        return exemplars;
    }

    /**
     * The stream index of every condition's image: for class c, the first {@code exemplars} indices of
     * {@value #STREAM} whose image is of class c, in stream order.
     */
    public long[] streamIndices() {
        long[] indices = new long[images.classes() * exemplars];
        int[] found = new int[images.classes()];
        int complete = 0;
        for (long i = 0; complete < images.classes(); i++) {
            int c = images.label(STREAM, i);
            if (found[c] < exemplars) {
                indices[c * exemplars + found[c]] = i;
                found[c]++;
                if (found[c] == exemplars) {
                    complete++;
                }
            }
        }
        return indices;
    }

    @Override
    public float[] render(int conditionIndex, int trial, long seed) {
        checkCondition(conditionIndex);
        require(trial >= 0 && trial < trials, "trial must be in [0, " + trials + "), was " + trial);
        float[] image = rendered().clean()[conditionIndex].clone();
        SplittableRandom random = TrialRandom.of(seed, conditionIndex, trial);
        TrialRandom.addPixelNoise(image, pixelNoise, random);
        return image;
    }

    @Override
    public CleanRendering renderCleanWithMask(int conditionIndex) {
        checkCondition(conditionIndex);
        Rendered all = rendered();
        return new CleanRendering(all.clean()[conditionIndex].clone(),
                Optional.of(all.masks()[conditionIndex].clone()));
    }

    @Override
    public double degreesPerPixel() {
        return FIELD_OF_VIEW_DEGREES / images.imageSize();
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        images.parameters().forEach((key, value) -> {
            if (!key.equals("stimulus_set") && !key.equals("pixel_noise")) {
                p.put(key, String.valueOf(value));
            }
        });
        p.put("stream", Long.toString(STREAM));
        p.put("exemplars_per_class", Integer.toString(exemplars));
        p.put("trials", Integer.toString(trials));
        p.put("trial_pixel_noise", Double.toString(pixelNoise));
        return p;
    }

    private Rendered rendered() {
        Rendered result = rendered;
        if (result == null) {
            synchronized (this) {
                result = rendered;
                if (result == null) {
                    result = render();
                    rendered = result;
                }
            }
        }
        return result;
    }

    private Rendered render() {
        long[] indices = streamIndices();
        List<NaturalImageSet.MaskedSample> samples = IntStream.range(0, indices.length).parallel()
                .mapToObj(c -> images.sampleWithMask(STREAM, indices[c])).toList();
        int area = images.imageSize() * images.imageSize();
        List<StimulusCondition> conditions = new ArrayList<>(indices.length);
        float[][] clean = new float[indices.length][];
        float[][] masks = new float[indices.length][];
        for (int c = 0; c < indices.length; c++) {
            NaturalImageSet.MaskedSample sample = samples.get(c);
            clean[c] = sample.pixels();
            masks[c] = sample.objectMask();
            float[] grey = toFloat(Luminance.of(clean[c], area));
            conditions.add(new StimulusCondition(c, sample.label(), className(sample.label()),
                    StimulusCondition.EXEMPLAR, c % exemplars,
                    ImageStatistics.clampPercent(ImageStatistics.luminancePercent(grey)),
                    ImageStatistics.clampPercent(ImageStatistics.contrastPercent(grey))));
        }
        return new Rendered(List.copyOf(conditions), clean, masks);
    }

    private static float[] toFloat(double[] values) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) values[i];
        }
        return result;
    }

    private static String className(int id) {
        return String.format(Locale.ROOT, "class-%02d", id);
    }

    private void checkCondition(int conditionIndex) {
        int count = images.classes() * exemplars;
        require(conditionIndex >= 0 && conditionIndex < count, "condition must be in [0, " + count + "), was "
                + conditionIndex);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
