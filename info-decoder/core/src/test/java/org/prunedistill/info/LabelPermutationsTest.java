package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LabelPermutationsTest {

    /** Chi-square quantile 0.9999 for up to 719 degrees of freedom is below dof + 4.5 sqrt(2 dof) + 20. */
    private static double chiSquareBound(int dof) {
        return dof + 4.5 * Math.sqrt(2.0 * dof) + 20;
    }

    @Test
    void drawsEveryUrnSequenceEquallyOften() {
        for (int count : new int[] {4, 6}) {
            int outcomes = 1;
            for (int k = 2; k <= count; k++) {
                outcomes *= k;
            }
            int samples = 200 * outcomes;
            Map<String, Integer> seen = new HashMap<>();
            int[] draws = new int[count];
            SplittableRandom rng = new SplittableRandom(count);
            for (int i = 0; i < samples; i++) {
                LabelPermutations.drawUrnIndices(draws, count, rng);
                for (int j = 0; j < count; j++) {
                    assertTrue(draws[j] >= 0 && draws[j] < count - j, "draw " + j + " = " + draws[j]);
                }
                seen.merge(java.util.Arrays.toString(draws), 1, Integer::sum);
            }
            assertEquals(outcomes, seen.size());
            double expected = (double) samples / outcomes;
            double chi = 0.0;
            for (int observed : seen.values()) {
                chi += (observed - expected) * (observed - expected) / expected;
            }
            assertTrue(chi < chiSquareBound(outcomes - 1), "chi-square " + chi + " for " + count + " labels");
        }
    }

    @Test
    void drawsEveryUrnSequenceEquallyOftenInEachLaneAndLanesIndependently() {
        int count = 4;
        int samples = 200 * 24 * 24 / 4;
        List<Map<String, Integer>> seen = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
        Map<String, Integer> pairs = new HashMap<>();
        long[] packed = new long[count];
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < samples; i++) {
            LabelPermutations.drawFourUrnIndices(packed, count, rng);
            String[] sequences = new String[4];
            for (int lane = 0; lane < 4; lane++) {
                StringBuilder sequence = new StringBuilder();
                for (int j = 0; j < count; j++) {
                    long index = (packed[j] >>> (16 * lane)) & 0x7FFF;
                    assertTrue(index < count - j, "lane " + lane + " draw " + j + " = " + index);
                    sequence.append(index);
                }
                sequences[lane] = sequence.toString();
                seen.get(lane).merge(sequences[lane], 1, Integer::sum);
            }
            pairs.merge(sequences[0] + "|" + sequences[3], 1, Integer::sum);
        }
        for (int lane = 0; lane < 4; lane++) {
            assertTrue(chi(seen.get(lane), samples, 24) < chiSquareBound(23), "lane " + lane);
        }
        // The first and the last lane come from different 32-bit words: their 576 joint outcomes equally often.
        assertEquals(576, pairs.size());
        assertTrue(chi(pairs, samples, 576) < chiSquareBound(575), "lanes 0 and 3 jointly");
    }

    private static double chi(Map<String, Integer> counts, int samples, int outcomes) {
        double expected = (double) samples / outcomes;
        double chi = 0.0;
        for (int observed : counts.values()) {
            chi += (observed - expected) * (observed - expected) / expected;
        }
        return chi + (outcomes - counts.size()) * expected;
    }

    @Test
    void rejectsABiasedWordOfTheFourLanes() {
        // Three labels: x = 0 leaves a low part of 0, below 2^32 mod 9 = 4: the trial is drawn again from the next
        // value.
        long[] scripted = new long[3];
        LabelPermutations.drawFourUrnIndices(scripted, 3, new Scripted(0L, 0x9E3779B97F4A7C15L, 1L << 40, -1L));
        long[] direct = new long[3];
        LabelPermutations.drawFourUrnIndices(direct, 3, new Scripted(0x9E3779B97F4A7C15L, 1L << 40, -1L));
        assertArrayEquals(direct, scripted);
        // The largest value gives every lane the largest index of the first urn, 3 - 1, with the lanes' top bits set.
        long[] top = new long[3];
        LabelPermutations.drawFourUrnIndices(top, 3, new Scripted(-1L, -1L, -1L));
        assertEquals(0x8002_8002_8002_8002L, top[0]);
    }

    @Test
    void rejectsTheBiasedValuesOfABatch() {
        // x = 0 leaves low parts of 0, below 2^32 mod 12 = 4: the batch is drawn again from the next value.
        int[] scripted = new int[4];
        LabelPermutations.drawUrnIndices(scripted, 4, new Scripted(0L, 0x9E3779B97F4A7C15L));
        int[] direct = new int[4];
        LabelPermutations.drawUrnIndices(direct, 4, new Scripted(0x9E3779B97F4A7C15L));
        assertArrayEquals(direct, scripted);
        // A biased second word alone (its low part 0) also draws the whole batch again.
        int[] secondWord = new int[4];
        LabelPermutations.drawUrnIndices(secondWord, 4, new Scripted(0x9E3779B900000000L, 0x9E3779B97F4A7C15L));
        assertArrayEquals(direct, secondWord);
        // The largest value maps to the last sequence: digits b - 1 of each bound (the last one's bound is 1).
        int[] top = new int[4];
        LabelPermutations.drawUrnIndices(top, 4, new Scripted(-1L));
        assertArrayEquals(new int[] {3, 2, 1, 0}, top);
    }

    @Test
    void drawsTwoAtATimeAboveTwoToTheSixteenLabels() {
        int count = 70_001;
        int[] draws = new int[count];
        LabelPermutations.drawUrnIndices(draws, count, new SplittableRandom(7));
        double meanFraction = 0.0;
        for (int i = 0; i < count; i++) {
            assertTrue(draws[i] >= 0 && draws[i] < count - i);
            meanFraction += (draws[i] + 0.5) / (count - i);
        }
        meanFraction /= count;
        assertEquals(0.5, meanFraction, 0.01);
    }

    @Test
    void drawsThePermutationNullDistributionExactly() {
        // 2 stimuli x 3 trials, labels {0, 0, 1, 2, 2, 2}: the joint table of a uniform permutation is fixed by the
        // labels of stimulus 0's three trials, 20 equally likely subsets.
        int[] stimuli = {0, 0, 0, 1, 1, 1};
        int[] responses = {0, 0, 1, 2, 2, 2};
        ContingencyTable table = ContingencyTable.of(responses, stimuli, 3, 2);
        Map<Double, Integer> exact = new HashMap<>();
        for (int a = 0; a < 6; a++) {
            for (int b = a + 1; b < 6; b++) {
                for (int c = b + 1; c < 6; c++) {
                    int[] permuted = new int[6];
                    int next = 3;
                    for (int t = 0; t < 6; t++) {
                        boolean first = t == a || t == b || t == c;
                        permuted[first ? (t == a ? 0 : t == b ? 1 : 2) : next++] = responses[t];
                    }
                    exact.merge(ContingencyTable.of(permuted, stimuli, 3, 2).pluginBits(), 1, Integer::sum);
                }
            }
        }
        int samples = 40_000;
        Map<Double, Integer> drawn = new HashMap<>();
        LabelPermutations permutations = new LabelPermutations(table, stimuli);
        for (double value : permutations.nextPluginBits(new SplittableRandom(8), samples)) {
            drawn.merge(value, 1, Integer::sum);
        }
        assertEquals(exact.keySet(), drawn.keySet());
        double chi = 0.0;
        for (Map.Entry<Double, Integer> cell : exact.entrySet()) {
            double expected = samples * cell.getValue() / 20.0;
            double observed = drawn.get(cell.getKey());
            chi += (observed - expected) * (observed - expected) / expected;
        }
        assertTrue(chi < chiSquareBound(exact.size() - 1), "chi-square " + chi);
    }

    /** A generator that returns the given 64-bit values in turn. */
    private static final class Scripted implements RandomGenerator {
        private final long[] values;
        private int next;

        Scripted(long... values) {
            this.values = values;
        }

        @Override
        public long nextLong() {
            return values[next++];
        }
    }
}
