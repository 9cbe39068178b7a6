package org.prunedistill.launcher.bench;

import java.util.List;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.extraction.stimuli.ForwardingStimulusSet;
import org.prunedistill.extraction.stimuli.RenderedStimulusSet;

/** The first {@code count} conditions of a stimulus set, so that a benchmark can run a slice of the design. */
final class SubsetStimuli extends ForwardingStimulusSet {

    private final int count;

    SubsetStimuli(RenderedStimulusSet all, int count) {
        super(all);
        this.count = count;
    }

    /** The whole set this is a slice of. */
    RenderedStimulusSet all() {
        return forwarded();
    }

    @Override
    public List<StimulusCondition> conditions() {
        return forwarded().conditions().subList(0, count);
    }
}
