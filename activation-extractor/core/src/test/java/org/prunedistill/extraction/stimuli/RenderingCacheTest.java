package org.prunedistill.extraction.stimuli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderingCacheTest {

    private static final long SEED = 3L;
    private static final RatObjectStimulusSet RAT = RatObjectStimulusSet.withDefaults().withImageSize(16)
            .withTrials(2);

    @Test
    void everyTrialIsRenderedOnceAndHandedOutAsTheSetRendersIt() {
        Counting counting = new Counting(RAT);
        RenderedStimulusSet cached = RenderingCache.within(counting, SEED, Long.MAX_VALUE);
        int conditions = 5;
        for (int pass = 0; pass < 3; pass++) {
            for (int c = 0; c < conditions; c++) {
                for (int t = 0; t < RAT.trials(); t++) {
                    assertArrayEquals(RAT.render(c, t, SEED), cached.render(c, t, SEED), "condition " + c
                            + " trial " + t + " pass " + pass);
                }
            }
        }
        assertEquals(conditions * RAT.trials(), counting.renders.size(), "each (condition, trial) rendered once");
        assertTrue(counting.renders.values().stream().allMatch(count -> count == 1), counting.renders.toString());
    }

    @Test
    void aCallerChangingItsCopyChangesNothingTheNextCallerSees() {
        RenderedStimulusSet cached = RenderingCache.within(RAT, SEED, Long.MAX_VALUE);
        float[] first = cached.render(0, 1, SEED);
        float[] expected = first.clone();
        java.util.Arrays.fill(first, -1f);
        assertArrayEquals(expected, cached.render(0, 1, SEED));
    }

    @Test
    void anotherSeedIsRenderedAfreshAndNotKept() {
        Counting counting = new Counting(RAT);
        RenderedStimulusSet cached = RenderingCache.within(counting, SEED, Long.MAX_VALUE);
        assertArrayEquals(RAT.render(2, 0, SEED + 1), cached.render(2, 0, SEED + 1));
        cached.render(2, 0, SEED + 1);
        assertEquals(2, counting.renders.get("2/0/" + (SEED + 1)));
    }

    @Test
    void aSetLargerThanTheBudgetIsNotWrapped() {
        long bytes = RenderingCache.bytes(RAT);
        assertEquals((long) RAT.conditions().size() * RAT.trials() * 16 * 16 * Float.BYTES, bytes);
        assertSame(RAT, RenderingCache.within(RAT, SEED, bytes - 1));
        assertTrue(RenderingCache.within(RAT, SEED, bytes) instanceof RenderingCache);
    }

    @Test
    void badIndicesFailAsTheSetFails() {
        RenderedStimulusSet cached = RenderingCache.within(RAT, SEED, Long.MAX_VALUE);
        assertThrows(IllegalArgumentException.class, () -> cached.render(RAT.conditions().size(), 0, SEED));
        assertThrows(IllegalArgumentException.class, () -> cached.render(0, RAT.trials(), SEED));
    }

    /** Counts the renderings asked of a set, per condition, trial and seed. */
    private static final class Counting extends ForwardingStimulusSet {

        private final Map<String, Integer> renders = new HashMap<>();

        Counting(RenderedStimulusSet set) {
            super(set);
        }

        @Override
        public float[] render(int conditionIndex, int trial, long seed) {
            renders.merge(conditionIndex + "/" + trial + "/" + seed, 1, Integer::sum);
            return super.render(conditionIndex, trial, seed);
        }
    }
}
