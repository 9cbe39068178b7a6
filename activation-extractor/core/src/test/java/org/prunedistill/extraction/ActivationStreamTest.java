package org.prunedistill.extraction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.extraction.model.BuiltinNetwork;
import org.prunedistill.extraction.model.OnnxActivations;
import org.prunedistill.extraction.model.OnnxMemoryCap;
import org.prunedistill.extraction.stimuli.RatObjectStimulusSet;

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

}
