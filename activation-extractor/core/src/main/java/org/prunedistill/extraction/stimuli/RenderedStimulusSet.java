package org.prunedistill.extraction.stimuli;

import java.util.List;
import java.util.Map;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * A procedurally rendered stimulus set as the extractor uses it: its conditions, and every trial of a condition as
 * an image, deterministic from a seed.
 */
public interface RenderedStimulusSet {

    /** The set's name in run specs, for example {@code rat-objects}. */
    String name();

    List<StimulusCondition> conditions();

    List<String> objectNames();

    /** Image side in pixels. */
    int imageSize();

    /** Channels per image (the grey image repeated). */
    int channels();

    /** Jittered renderings per condition. */
    int trials();

    /** One trial of a condition: {@code channels x imageSize x imageSize} values in [0, 1], channel-major. */
    float[] render(int conditionIndex, int trial, long seed);

    /**
     * A condition without jitter or noise (what its luminance and contrast metadata describe) and, when the set knows
     * where its object is, the object mask, rendered in the same pass.
     *
     * @throws IllegalArgumentException if the condition index is out of range
     */
    CleanRendering renderCleanWithMask(int conditionIndex);

    /** Visual angle of one pixel, degrees (the image spans {@code imageSize() * degreesPerPixel()}). */
    double degreesPerPixel();

    /** Every setting that determines the images, for provenance and content addressing. */
    Map<String, String> parameters();

    /**
     * Bytes of heap the set holds for as long as it is used (decoded images, kept renderings), which a caller sizing
     * its own buffers from the heap must leave free; 0 for a set that renders from a few parameters.
     */
    default long residentBytes() {
        return 0;
    }
}
