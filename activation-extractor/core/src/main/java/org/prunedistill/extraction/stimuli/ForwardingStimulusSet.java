package org.prunedistill.extraction.stimuli;

import java.util.List;
import java.util.Map;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * A stimulus set that answers every question with another set's answer: a subclass overrides only what it changes
 * (the renderings it keeps, the conditions it shows).
 */
public abstract class ForwardingStimulusSet implements RenderedStimulusSet {

    private final RenderedStimulusSet set;

    protected ForwardingStimulusSet(RenderedStimulusSet set) {
        this.set = java.util.Objects.requireNonNull(set, "set");
    }

    /** The set every answer comes from. */
    public final RenderedStimulusSet forwarded() {
        return set;
    }

    @Override
    public String name() {
        return set.name();
    }

    @Override
    public List<StimulusCondition> conditions() {
        return set.conditions();
    }

    @Override
    public List<String> objectNames() {
        return set.objectNames();
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
        return set.trials();
    }

    @Override
    public float[] render(int conditionIndex, int trial, long seed) {
        return set.render(conditionIndex, trial, seed);
    }

    @Override
    public CleanRendering renderCleanWithMask(int conditionIndex) {
        return set.renderCleanWithMask(conditionIndex);
    }

    @Override
    public double degreesPerPixel() {
        return set.degreesPerPixel();
    }

    @Override
    public Map<String, String> parameters() {
        return set.parameters();
    }

    @Override
    public long residentBytes() {
        return set.residentBytes();
    }
}
