package org.prunedistill.extractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchSizeTest {

    private static final long MB = 1_000_000L;
    /** ResNet-50's eight default layers at 224 px: pixels, the stem's pooling, layer1 to layer4, avgpool, fc. */
    private static final long RESNET50_UNITS = 150_528L + 200_704 + 802_816 + 401_408 + 200_704 + 100_352 + 2_048
            + 1_000;

    @Test
    void fitsTheBatchsCopiesIntoTheBudget() {
        // 3 copies x 4 bytes x 2 trials x 1,000 units = 24,000 bytes a condition: 41 fit 1 MB, 32 are the most.
        assertEquals(32, BatchSize.of(0, "", MB, 0, 2, 1_000).conditions());
        // 240,000 bytes a condition: 4 fit 1 MB (960,000), 5 would not.
        BatchSize four = BatchSize.of(0, "", MB, 0, 2, 10_000);
        assertEquals(4, four.conditions());
        assertTrue(four.basis().startsWith("heap: 4 conditions x 2 trials x 10000 units x 4 B x 3 copies = 1.0 MB"),
                four.basis());
    }

    @Test
    void sizesResNet50At224PixelsToFitHalfOfTheEmbeddedDefaultsHeap() {
        // Runtime.maxMemory() under -Xmx1536m -XX:+UseSerialGC, as the embedded default runs the extractor
        long budget = 1_556_938_752L / 2;
        // 44.6 MB a condition with 2 trials, 223 MB with 10
        assertEquals(17, BatchSize.of(0, "", budget, 0, 2, RESNET50_UNITS).conditions());
        assertEquals(3, BatchSize.of(0, "", budget, 0, 10, RESNET50_UNITS).conditions());
    }

    @Test
    void leavesWhatTheStimuliHoldOutOfTheBudget() {
        // 240,000 bytes a condition: 1 MB less 0.5 MB held leaves room for 2 (480,000), not 4.
        BatchSize two = BatchSize.of(0, "", MB, MB / 2, 2, 10_000);
        assertEquals(2, two.conditions());
        assertTrue(two.basis().endsWith("= 0.5 MB of 0.5 MB (a 1.0 MB budget less 0.5 MB the stimuli hold)"),
                two.basis());
        // 500 colour photographs at 256 px kept as bytes (98 MB) take ResNet-50 at 224 px from 17 conditions to 15
        long budget = 1_556_938_752L / 2;
        assertEquals(15, BatchSize.of(0, "", budget, 500L * 3 * 256 * 256, 2, RESNET50_UNITS).conditions());
        BatchSize starved = BatchSize.of(0, "", MB, 2 * MB, 2, 10_000);
        assertEquals(1, starved.conditions(), "held beyond the budget still leaves one condition");
        assertTrue(starved.basis().endsWith("(one condition exceeds it)"), starved.basis());
    }

    @Test
    void keepsOneConditionWhenEvenOneExceedsTheBudgetAndSaysSo() {
        BatchSize one = BatchSize.of(0, "", MB, 0, 10, 1_000_000);
        assertEquals(1, one.conditions());
        assertTrue(one.basis().endsWith("(one condition exceeds it)"), one.basis());
    }

    @Test
    void aRequestedSizeWinsAndRecordsWhoAskedForIt() {
        assertEquals(new BatchSize(8, "run"), BatchSize.of(8, "run", MB, 0, 2, 10_000_000));
    }

    @Test
    void refusesAHeapFractionOutsideZeroToOne() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BatchSize.heapBudget(0));
        assertTrue(error.getMessage().contains("pd.extraction.batch-heap-fraction"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchSize.heapBudget(1.5));
    }
}
