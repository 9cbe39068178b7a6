package org.prunedistill.extraction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.extraction.model.BuiltinNetwork;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.model.OnnxMemoryCap;
import org.prunedistill.extraction.stimuli.CleanRendering;
import org.prunedistill.extraction.stimuli.RatObjectStimulusSet;
import org.prunedistill.extraction.stimuli.RenderedStimulusSet;

class ActivationStreamTest {

    private static final int SIDE = 16;
    private static final long SEED = 7L;

    /** The network's input layer is the images it was given: the batches must hold every trial made in turn. */
    @Test
    void batchesHoldEveryTrialAsRenderedOneAfterAnotherInConditionOrder() {
        RatObjectStimulusSet rat = RatObjectStimulusSet.withDefaults().withImageSize(SIDE).withTrials(3);
        BuiltinNetwork network = BuiltinNetwork.random("random-1", 1, SIDE, rat.objectNames().size(),
                List.of("pixels"));
        ActivationStream stream = new ActivationStream(rat, SEED, 5);
        List<Integer> firsts = new ArrayList<>();
        List<Integer> progress = new ArrayList<>();
        try (OnnxActivations session = network.open(2, OnnxMemoryCap.NONE)) {
            stream.run(network, session, (first, tensors) -> {
                firsts.add(first);
                FloatTensor pixels = tensors.get(network.layers().get(0));
                int count = Math.min(5, rat.conditions().size() - first);
                assertArrayEquals(new int[] {count, 3, SIDE * SIDE}, pixels.shape());
                float[] values = pixels.data();
                for (int c = 0; c < count; c++) {
                    for (int t = 0; t < 3; t++) {
                        float[] expected = rat.render(first + c, t, SEED);
                        float[] actual = java.util.Arrays.copyOfRange(values, (c * 3 + t) * SIDE * SIDE,
                                (c * 3 + t + 1) * SIDE * SIDE);
                        assertArrayEquals(expected, actual, "condition " + (first + c) + " trial " + t);
                    }
                }
            }, progress::add);
        }
        assertEquals(stream.batchCount(), firsts.size());
        assertEquals(rat.conditions().size(), progress.get(progress.size() - 1));
    }

    /**
     * The next batch's images are made while the network runs the current one: a condition that cannot be made fails
     * the run with its own error once the batches before it have reached the sink, and none after it.
     */
    @Test
    void aConditionThatCannotBeMadeFailsTheRunAfterTheBatchesBeforeIt() {
        RatObjectStimulusSet rat = RatObjectStimulusSet.withDefaults().withImageSize(SIDE).withTrials(2);
        RenderedStimulusSet failingAtSeven = new RenderedStimulusSet() {
            @Override public String name() { return rat.name(); }
            @Override public List<StimulusCondition> conditions() { return rat.conditions().subList(0, 12); }
            @Override public List<String> objectNames() { return rat.objectNames(); }
            @Override public int imageSize() { return rat.imageSize(); }
            @Override public int channels() { return rat.channels(); }
            @Override public int trials() { return rat.trials(); }
            @Override public CleanRendering renderCleanWithMask(int c) { return rat.renderCleanWithMask(c); }
            @Override public double degreesPerPixel() { return rat.degreesPerPixel(); }
            @Override public Map<String, String> parameters() { return rat.parameters(); }

            @Override
            public float[] render(int conditionIndex, int trial, long seed) {
                if (conditionIndex == 7) {
                    throw new IllegalArgumentException("condition 7 cannot be made");
                }
                return rat.render(conditionIndex, trial, seed);
            }
        };
        BuiltinNetwork network = BuiltinNetwork.random("random-1", 1, SIDE, rat.objectNames().size(),
                List.of("pixels"));
        List<Integer> firsts = new ArrayList<>();
        try (OnnxActivations session = network.open(2, OnnxMemoryCap.NONE)) {
            ActivationStream stream = new ActivationStream(failingAtSeven, SEED, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> stream.run(network, session, (first, tensors) -> firsts.add(first), done -> { }));
            // The parallel stream that makes a batch's images may rethrow it from another thread, wrapped with its text.
            assertTrue(e.getMessage().endsWith("condition 7 cannot be made"), e.getMessage());
        }
        assertEquals(List.of(0, 3), firsts, "the batches before the one holding condition 7");
    }
}
