package org.prunedistill.extraction.stimuli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * A user's image set ({@link UserStimulusSet}) as the extractor renders sets: every trial of a condition is its image
 * with Gaussian pixel noise (SD default 0.02 of white, clipped to [0, 1]) drawn from (seed, condition, trial) by the
 * ziggurat (the procedural sets keep Box-Muller's draws, which the built-in checkpoints were chosen on), so that
 * deterministic CNN units get response distributions, as with the procedural sets (SCIENCE.md 2, trials). Photographs
 * have no position jitter. The visual angle of a pixel is unknown ({@link #degreesPerPixel()} is NaN): receptive-field
 * azimuths are then undefined and per-unit analyses use every condition. Immutable.
 */
public final class UserRenderedSet implements RenderedStimulusSet {

    /** Name of the set in run specs. */
    public static final String NAME = UserStimulusSet.NAME;
    /** Pixel noise of a trial, SD as a fraction of white. */
    public static final double DEFAULT_PIXEL_NOISE = 0.02;

    private final UserStimulusSet set;
    private final int trials;
    private final double pixelNoise;

    /**
     * @param set    the loaded images and metadata
     * @param trials renderings per condition, at least 1
     */
    public UserRenderedSet(UserStimulusSet set, int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, was " + trials);
        }
        this.set = set;
        this.trials = trials;
        this.pixelNoise = DEFAULT_PIXEL_NOISE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<StimulusCondition> conditions() {
        return set.conditions();
    }

    @Override
    public List<String> objectNames() {
        List<String> names = new ArrayList<>();
        for (StimulusCondition condition : set.conditions()) {
            while (names.size() <= condition.object()) {
                names.add(null);
            }
            names.set(condition.object(), condition.objectName());
        }
        return List.copyOf(names);
    }

    @Override
    public int imageSize() {
        return set.imageSize();
    }

    @Override
    public int channels() {
        return set.channels();
    }

    @Override
    public int trials() {
        return trials;
    }

    @Override
    public float[] render(int conditionIndex, int trial, long seed) {
        if (trial < 0 || trial >= trials) {
            throw new IllegalArgumentException("trial must be in [0, " + trials + "), was " + trial);
        }
        float[] image = set.renderClean(conditionIndex);
        TrialRandom.addZigguratPixelNoise(image, pixelNoise, TrialRandom.of(seed, conditionIndex, trial));
        return image;
    }

    /** The image as given; a photograph carries no object mask. */
    @Override
    public CleanRendering renderCleanWithMask(int conditionIndex) {
        return new CleanRendering(set.renderClean(conditionIndex), Optional.empty());
    }

    @Override
    public double degreesPerPixel() {
        return Double.NaN;
    }

    /** The files, the table and the resized images, all kept by the set. */
    @Override
    public long residentBytes() {
        return set.residentBytes();
    }

    /** The content hash of the images and table, the size, channels, trials, and the noise with its generator. */
    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("stimulus_set_sha256", StimulusSetHash.of(set));
        parameters.put("image_size", Integer.toString(set.imageSize()));
        parameters.put("channels", Integer.toString(set.channels()));
        parameters.put("trials", Integer.toString(trials));
        parameters.put("pixel_noise", Double.toString(pixelNoise));
        parameters.put("pixel_noise_generator", "ziggurat-256");
        return parameters;
    }
}
