package org.prunedistill.id.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CandidateListsTest {

    @Test
    void keepsTheBestCandidatesByKeyThenIndexWhateverTheOrderOfOffers() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int capacity = 1 + random.nextInt(40);
            int offers = random.nextInt(600);
            // Few distinct keys in some trials: ties across the cut must go to the lower index.
            int distinct = trial % 2 == 0 ? 5 : 1_000_000;
            double[] keys = new double[offers];
            Integer[] order = new Integer[offers];
            for (int j = 0; j < offers; j++) {
                keys[j] = random.nextInt(distinct) - distinct / 3.0;
                order[j] = j;
            }
            CandidateLists lists = new CandidateLists(1, capacity);
            double rejectedMin = Double.POSITIVE_INFINITY;
            for (int j = 0; j < offers; j++) {
                if (keys[j] <= lists.threshold(0)) {
                    lists.offer(0, keys[j], j);
                } else {
                    rejectedMin = Math.min(rejectedMin, keys[j]);
                }
            }
            int kept = lists.sortAscending(0);
            Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> keys[j]).thenComparingInt(j -> j));
            int expected = Math.min(capacity, offers);
            assertEquals(expected, kept);
            int[] keptIndices = new int[kept];
            int[] bestIndices = new int[kept];
            for (int slot = 0; slot < kept; slot++) {
                keptIndices[slot] = lists.index(0, slot);
                bestIndices[slot] = order[slot];
                assertEquals(keys[order[slot]], lists.key(0, slot));
            }
            assertArrayEquals(bestIndices, keptIndices, "trial " + trial);
            assertTrue(rejectedMin >= lists.worstKey(0), "a rejected key below the kept ones, trial " + trial);
        }
    }
}
