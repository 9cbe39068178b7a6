package org.prunedistill.extraction.stimuli;

import java.util.AbstractList;
import java.util.List;

/**
 * The clean images and object masks of a set as lists that render a condition when it is read, holding only the last
 * one: for sets whose clean renderings are too large to keep, read by something that takes a condition's mask and
 * image one after the other ({@code UnitFeatureTable}), so that each condition is rendered once per pass. A set gives
 * masks for all its conditions or for none, so its first condition tells which. Not thread-safe.
 */
public final class CleanOnDemand {

    private final RenderedStimulusSet set;
    private int last = -1;
    private CleanRendering rendering;

    public CleanOnDemand(RenderedStimulusSet set) {
        this.set = java.util.Objects.requireNonNull(set, "set");
    }

    /** Every condition's clean image, rendered when read. */
    public List<float[]> images() {
        return view(false);
    }

    /** Every condition's object mask, rendered when read; empty if the set has none. */
    public List<float[]> masks() {
        return set.conditions().isEmpty() || set.renderCleanWithMask(0).objectMask().isEmpty()
                ? List.of() : view(true);
    }

    private List<float[]> view(boolean mask) {
        return new AbstractList<>() {
            @Override
            public float[] get(int index) {
                CleanRendering clean = rendering(index);
                return mask ? clean.objectMask().orElse(null) : clean.image();
            }

            @Override
            public int size() {
                return set.conditions().size();
            }
        };
    }

    private CleanRendering rendering(int index) {
        if (index != last) {
            rendering = set.renderCleanWithMask(index);
            last = index;
        }
        return rendering;
    }
}
