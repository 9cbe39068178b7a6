package org.prunedistill.extraction.stimuli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.prunedistill.extraction.model.UnitFeatureTable;
import org.prunedistill.extraction.model.UnitGrid;

class CleanOnDemandTest {

    private static final int SIDE = 16;
    private static final RatObjectStimulusSet RAT = RatObjectStimulusSet.withDefaults().withImageSize(SIDE);

    @Test
    void givesTheFeaturesOfTheKeptRenderingsRenderingEachConditionOncePerPass() {
        List<float[]> images = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        for (int c = 0; c < RAT.conditions().size(); c++) {
            CleanRendering clean = RAT.renderCleanWithMask(c);
            images.add(clean.image());
            masks.add(clean.objectMask().orElseThrow());
        }
        UnitGrid grid = new UnitGrid(4, 4, 4, 0, 6);
        UnitFeatureTable kept = UnitFeatureTable.compute(grid, images, masks, SIDE, RAT.degreesPerPixel());
        CountingClean counting = new CountingClean(RAT);
        CleanOnDemand onDemand = new CleanOnDemand(counting);
        UnitFeatureTable rendered = UnitFeatureTable.compute(grid, onDemand.images(), onDemand.masks(), SIDE,
                RAT.degreesPerPixel());
        assertArrayEquals(kept.luminance(), rendered.luminance());
        assertArrayEquals(kept.contrast(), rendered.contrast());
        assertArrayEquals(kept.coverage().orElseThrow(), rendered.coverage().orElseThrow());
        // the first condition once more, to learn that the set has masks
        assertEquals(RAT.conditions().size() + 1, counting.renders, "renderings for one pass");
    }

    @Test
    void aSetWithoutMasksHasNone() {
        RenderedStimulusSet unmasked = new ForwardingStimulusSet(RAT) {
            @Override
            public CleanRendering renderCleanWithMask(int conditionIndex) {
                return new CleanRendering(super.renderCleanWithMask(conditionIndex).image(), Optional.empty());
            }
        };
        CleanOnDemand onDemand = new CleanOnDemand(unmasked);
        assertTrue(onDemand.masks().isEmpty());
        assertEquals(RAT.conditions().size(), onDemand.images().size());
        assertArrayEquals(RAT.renderCleanWithMask(3).image(), onDemand.images().get(3));
    }

    private static final class CountingClean extends ForwardingStimulusSet {

        private int renders;

        CountingClean(RenderedStimulusSet set) {
            super(set);
        }

        @Override
        public CleanRendering renderCleanWithMask(int conditionIndex) {
            renders++;
            return super.renderCleanWithMask(conditionIndex);
        }
    }
}
