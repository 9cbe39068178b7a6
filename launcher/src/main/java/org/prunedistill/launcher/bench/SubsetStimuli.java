package org.prunedistill.launcher.bench;

import java.util.List;
import java.util.Map;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.extraction.stimuli.CleanRendering;
import org.prunedistill.extraction.stimuli.RenderedStimulusSet;

/** The first {@code count} conditions of a stimulus set, so that a benchmark can run a slice of the design. */
record SubsetStimuli(RenderedStimulusSet all, int count) implements RenderedStimulusSet {

    @Override
    public String name() {
        return all.name();
    }

    @Override
    public List<StimulusCondition> conditions() {
        return all.conditions().subList(0, count);
    }

    @Override
    public List<String> objectNames() {
        return all.objectNames();
    }

    @Override
    public int imageSize() {
        return all.imageSize();
    }

    @Override
    public int channels() {
        return all.channels();
    }

    @Override
    public int trials() {
        return all.trials();
    }

    @Override
    public float[] render(int conditionIndex, int trial, long seed) {
        return all.render(conditionIndex, trial, seed);
    }

    @Override
    public CleanRendering renderCleanWithMask(int conditionIndex) {
        return all.renderCleanWithMask(conditionIndex);
    }

    @Override
    public double degreesPerPixel() {
        return all.degreesPerPixel();
    }

    @Override
    public Map<String, String> parameters() {
        return all.parameters();
    }
}
