package org.prunedistill.id.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockPlanTest {

    private static final long GIB = 1L << 30;

    @Test
    void anInputThatFitsTheBudgetIsResident() {
        BlockPlan plan = BlockPlan.of(10_000, 4_096, 96, 2 * GIB);
        assertTrue(plan.resident());
        assertEquals(BlockPlan.RESIDENT_BLOCK, plan.rowBlock());
        assertEquals(BlockPlan.MAX_CHUNK, plan.chunkWidth());
        assertTrue(plan.bytes() <= 2 * GIB);
    }

    @Test
    void aResidentCopyBeyondOneBufferViewStreamsEvenWithinTheBudget() {
        // 600,000 x 1,024 float32 = 2.3 GiB: within an 8 GiB budget, but no NIO view covers more than 2^31 - 1 bytes.
        BlockPlan plan = BlockPlan.of(600_000, 1_024, 96, 8 * GIB);
        assertFalse(plan.resident());
        assertTrue((long) plan.rowBlock() * 600_000 * Float.BYTES <= Integer.MAX_VALUE, plan.toString());
        assertTrue((long) plan.chunkWidth() * 600_000 * Float.BYTES <= Integer.MAX_VALUE, plan.toString());
    }
}
