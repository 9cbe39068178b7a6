package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopulationDecoderTest {

    private static final int OBJECTS = 3;
    private static final int VIEWS = 6;
    private static final int TRIALS = 10;
    private static final int UNITS = 30;
    private static final double CHANCE_BITS = 0.05;
    private static final double CHANCE_PERCENT = 8;
    private static final List<int[]> PAIRS = List.of(new int[] {0, 1}, new int[] {1, 2});
    private static final PopulationDecoder DECODER = PopulationDecoder.withDefaults().withSizes(6, 24, 96)
            .withResamplings(4).withChanceShuffles(2);

    /** Every unit has a random preferred response per object (tolerant to view) plus a view effect and noise. */
    private static PopulationResponses responses(double objectGain, double viewGain, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][][] data = new double[UNITS][OBJECTS * VIEWS][TRIALS];
        for (int u = 0; u < UNITS; u++) {
            double[] objectPreference = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double[] viewPreference = new double[VIEWS];
            for (int v = 0; v < VIEWS; v++) {
                viewPreference[v] = random.nextGaussian();
            }
            for (int c = 0; c < OBJECTS * VIEWS; c++) {
                for (int k = 0; k < TRIALS; k++) {
                    data[u][c][k] = objectGain * objectPreference[c / VIEWS] + viewGain * viewPreference[c % VIEWS]
                            + random.nextGaussian();
                }
            }
        }
        return new PopulationResponses(data);
    }

    private static int[] objects() {
        int[] objects = new int[OBJECTS * VIEWS];
        for (int c = 0; c < objects.length; c++) {
            objects[c] = c / VIEWS;
        }
        return objects;
    }

    private static int[] views() {
        int[] views = new int[OBJECTS * VIEWS];
        for (int c = 0; c < views.length; c++) {
            views[c] = c % VIEWS;
        }
        return views;
    }

    @Test
    void decodesAPlantedInvariantObjectSignalAboveChance() {
        List<PopulationDecoding> result = DECODER.decode(responses(1.0, 1.0, 3), objects(), views(), PAIRS,
                new SplittableRandom(4));
        assertEquals(2, result.size(), "size 96 exceeds the 30 units and is left out");
        PopulationPerformance small = result.get(0).separability();
        PopulationPerformance large = result.get(1).separability();
        assertEquals(6, small.units());
        assertTrue(large.bitsAboveChance() > 0.5, large.toString());
        assertTrue(large.percentCorrect() > 90, large.toString());
        assertTrue(large.bitsAboveChance() > small.bitsAboveChance(), small + " vs " + large);
        PopulationPerformance generalisation = result.get(1).generalisation();
        // One training view per object, with a view effect as strong as the object's: lower, still well above chance.
        assertTrue(generalisation.bitsAboveChance() > 0.1, generalisation.toString());
        assertTrue(generalisation.percentCorrect() > 65, generalisation.toString());
    }

    @Test
    void staysAtChanceWhenOnlyTheViewIsEncoded() {
        List<PopulationDecoding> result = DECODER.decode(responses(0.0, 1.0, 5), objects(), views(), PAIRS,
                new SplittableRandom(6));
        for (PopulationDecoding decoding : result) {
            for (PopulationPerformance performance : List.of(decoding.separability(), decoding.generalisation())) {
                assertEquals(0.0, performance.bitsAboveChance(), CHANCE_BITS, performance.toString());
            }
            assertEquals(50.0, decoding.separability().percentCorrect(), CHANCE_PERCENT,
                    decoding.separability().toString());
            // Generalisation's percent correct is not chance-corrected and sits below 50 here: a test trial of one
            // object at the other object's training view is decoded as that object (about 42% on these data, for
            // any seed); only its information above chance is 0.
            assertTrue(decoding.generalisation().percentCorrect() < 50.0, decoding.generalisation().toString());
        }
    }

    @Test
    void drawsPseudoTrialsWithoutReplacementPerUnit() {
        double[][][] data = new double[2][1][4];
        for (int k = 0; k < 4; k++) {
            data[0][0][k] = k;
            data[1][0][k] = 10 + k;
        }
        double[][][] pseudo = PopulationDecoder.pseudoTrials(new PopulationResponses(data), 2,
                new SplittableRandom(7));
        double[] first = new double[4];
        double[] second = new double[4];
        for (int k = 0; k < 4; k++) {
            boolean unitZeroFirst = pseudo[0][k][0] < 10;
            first[k] = unitZeroFirst ? pseudo[0][k][0] : pseudo[0][k][1];
            second[k] = unitZeroFirst ? pseudo[0][k][1] : pseudo[0][k][0];
        }
        java.util.Arrays.sort(first);
        java.util.Arrays.sort(second);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 1, 2, 3}, first);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {10, 11, 12, 13}, second);
    }

    @Test
    void decodesOnlyThePairsEveryUnitOfThePseudoPopulationAllows() {
        // Unit 0 refuses pair {1, 2} (say its luminance ratio fails Th): a population of every unit never decodes it.
        boolean[][] allowed = allowEverything();
        allowed[0][1] = false;
        List<PopulationDecoding> result = DECODER.withSizes(UNITS).decode(responses(1.0, 1.0, 3), objects(),
                views(), PAIRS, allowed, new SplittableRandom(4));
        PopulationDecoding everyUnit = result.get(0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0}, everyUnit.decodedPairs());
        assertEquals(0, everyUnit.resamplingsWithoutPair());
        assertEquals(4, everyUnit.separability().resamplings());

        // Without unit 0 both pairs stay: 6-unit populations that miss it decode pair {1, 2} too.
        List<PopulationDecoding> small = DECODER.withSizes(6).decode(responses(1.0, 1.0, 3), objects(), views(),
                PAIRS, allowed, new SplittableRandom(4));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 1}, small.get(0).decodedPairs());
    }

    @Test
    void countsAPseudoPopulationWithoutAnAllowedPairInsteadOfDecodingIt() {
        boolean[][] allowed = allowEverything();
        allowed[3][0] = false;
        allowed[7][1] = false;
        PopulationDecoding everyUnit = DECODER.withSizes(UNITS).decode(responses(1.0, 1.0, 3), objects(), views(),
                PAIRS, allowed, new SplittableRandom(4)).get(0);
        assertEquals(4, everyUnit.resamplingsWithoutPair());
        assertEquals(0, everyUnit.separability().resamplings());
        assertTrue(Double.isNaN(everyUnit.separability().bitsAboveChance()), "undefined, not 0");
        assertTrue(Double.isNaN(everyUnit.generalisation().percentCorrect()), "undefined, not 0");
        assertEquals(0, everyUnit.decodedPairs().length);
    }

    @Test
    void decodesAtMostTheAskedPairsPerPseudoPopulationAndTheSameAsBeforeWhenEveryPairIsAllowed() {
        List<PopulationDecoding> all = DECODER.decode(responses(1.0, 1.0, 3), objects(), views(), PAIRS,
                new SplittableRandom(4));
        List<PopulationDecoding> allowed = DECODER.decode(responses(1.0, 1.0, 3), objects(), views(), PAIRS,
                allowEverything(), new SplittableRandom(4));
        assertEquals(all.get(1).separability(), allowed.get(1).separability(), "no draw added when all pass");
        PopulationDecoding one = DECODER.withPairsPerPopulation(1).withSizes(24).decode(responses(1.0, 1.0, 3),
                objects(), views(), PAIRS, allowEverything(), new SplittableRandom(4)).get(0);
        assertEquals(4, one.separability().resamplings());
        assertTrue(one.separability().percentCorrect() > 90, one.toString());
    }

    private static boolean[][] allowEverything() {
        boolean[][] allowed = new boolean[UNITS][PAIRS.size()];
        for (boolean[] unit : allowed) {
            java.util.Arrays.fill(unit, true);
        }
        return allowed;
    }
}
