package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PanzeriTrevesCorrectionTest {

    private static final double REFERENCE_TOLERANCE = 1e-10;
    private static final double EXACT_TOLERANCE = 1e-12;
    /** About 8 standard deviations of the plug-in value of 6 degrees of freedom at 4000 trials. */
    private static final double INDEPENDENCE_TOLERANCE = 0.005;

    static List<String> analyticCases() {
        return ReferenceData.analyticCaseNames();
    }

    @ParameterizedTest
    @MethodSource("analyticCases")
    void reproducesTheReferenceBayesianCorrection(String caseName) {
        JsonNode expected = ReferenceData.expected(caseName);
        DiscreteResponses responses = ReferenceData.analyticCase(caseName);
        PanzeriTrevesCorrection bayesian = PanzeriTrevesCorrection.bayesian();
        assertEquals(expected.get("I_pt_bayes").asDouble(), bayesian.correctedBits(responses), REFERENCE_TOLERANCE);
        assertEquals(expected.get("R_bayes").asDouble(), bayesian.relevantResponseBins(responses), 0.0);
    }

    @ParameterizedTest
    @MethodSource("analyticCases")
    void reproducesTheReferenceNaiveCorrection(String caseName) {
        JsonNode expected = ReferenceData.expected(caseName);
        DiscreteResponses responses = ReferenceData.analyticCase(caseName);
        PanzeriTrevesCorrection naive = PanzeriTrevesCorrection.naive();
        assertEquals(expected.get("I_pt_naive").asDouble(), naive.correctedBits(responses), REFERENCE_TOLERANCE);
        assertEquals(expected.get("R_naive").asDouble(), naive.relevantResponseBins(responses), 0.0);
    }

    @Test
    void returnsTheDimensionWhenEveryBinIsOccupied() {
        assertEquals(4.0, PanzeriTrevesCorrection.bayesianBinCount(new double[] {0.1, 0.2, 0.3, 0.4}, 10));
    }

    @Test
    void givesTheDimensionForAnyCountsThatSeeEveryBin() {
        // What the bias relies on to skip the count of response totals with every bin seen: a count of 1 out of N
        // trials is a probability far above machine epsilon, so every bin counts as occupied.
        SplittableRandom rng = new SplittableRandom(3);
        for (int c = 0; c < 1000; c++) {
            int bins = 2 + rng.nextInt(6);
            int trials = bins + rng.nextInt(c % 2 == 0 ? 100 : 10_000_000);
            double[] p = new double[bins];
            int left = trials - bins;
            for (int r = 0; r < bins; r++) {
                int count = 1 + (r == bins - 1 ? left : rng.nextInt(left + 1));
                left -= count - 1;
                p[r] = (double) count / trials;
            }
            assertEquals(bins, PanzeriTrevesCorrection.bayesianBinCount(p, trials), 0.0, "case " + c);
        }
    }

    @Test
    void sumsTheTermOfOneTrialRowsAsAddedRowByRow() {
        PanzeriTrevesCorrection bias = PanzeriTrevesCorrection.bayesian();
        double term = PanzeriTrevesCorrection.bayesianBinCount(new double[] {1, 0, 0}, 1) - 1.0;
        double sum = 0.0;
        for (int rows = 0; rows <= 5000; rows++) {
            assertEquals(sum, bias.singleTrialRowsSum(rows), 0.0, "rows " + rows);
            sum += term;
        }
    }

    @Test
    void keepsTheOccupiedCountWhenTheDistributionIsWellSampled() {
        assertEquals(2.0, PanzeriTrevesCorrection.bayesianBinCount(new double[] {0.5, 0.5, 0.0}, 1000));
        assertEquals(1.0, PanzeriTrevesCorrection.bayesianBinCount(new double[] {1, 0, 0, 0, 0, 0, 0, 0}, 16));
    }

    @Test
    void addsAnUnseenBinWhenThatBringsTheExpectedOccupancyCloser() {
        // Nt = 2, Rn = 2: without the empty bin the expected occupancy is 2 - 2 * 0.25 = 1.5 (|delta| = 0.5); with it,
        // gamma = 1 - sqrt(1/2) and the expectation is 2 (sqrt(1/2) - 1/8) + 1/2 = 1.664 (|delta| = 0.336).
        assertEquals(3.0, PanzeriTrevesCorrection.bayesianBinCount(new double[] {0.5, 0.5, 0.0}, 2));
    }

    @Test
    void staysBetweenTheOccupiedCountAndTheDimension() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int repeat = 0; repeat < 200; repeat++) {
            int dim = 2 + rng.nextInt(20);
            int trials = 1 + rng.nextInt(60);
            int support = 1 + rng.nextInt(dim);
            int[] counts = new int[dim];
            for (int t = 0; t < trials; t++) {
                counts[rng.nextInt(support)]++;
            }
            double[] p = new double[dim];
            int occupied = 0;
            for (int r = 0; r < dim; r++) {
                p[r] = counts[r] / (double) trials;
                occupied += counts[r] > 0 ? 1 : 0;
            }
            double count = PanzeriTrevesCorrection.bayesianBinCount(p, trials);
            assertTrue(count >= occupied && count <= dim, "count " + count + " outside " + occupied + ".." + dim);
            assertEquals(Math.rint(count), count);
        }
    }

    @Test
    void correctsANaiveHandTableByTheBinCountFormula() {
        DiscreteResponses responses = new DiscreteResponses(new int[] {0, 0, 0, 0, 1, 1, 2, 2},
                new int[] {0, 0, 0, 0, 1, 1, 1, 1}, 3, 2);
        // R_0 = 1, R_1 = 2, R = 3, N = 8: BIAS = [(0 + 1) - 2] / (16 ln 2)
        double bias = -1.0 / (16 * Math.log(2));
        assertEquals(bias, PanzeriTrevesCorrection.naive().bias(responses), EXACT_TOLERANCE);
        assertEquals(PluginInformation.bits(responses) - bias, PanzeriTrevesCorrection.naive().correctedBits(responses),
                EXACT_TOLERANCE);
    }

    @Test
    void bringsIndependentResponsesNearZeroOnManyTrials() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] stimuli = Synthetic.stimulusLabels(4, 1000);
        DiscreteResponses responses = new DiscreteResponses(Synthetic.independentLabels(stimuli.length, 3, rng),
                stimuli, 3, 4);
        double plugin = PluginInformation.bits(responses);
        double corrected = PanzeriTrevesCorrection.bayesian().correctedBits(responses);
        assertEquals(0.0, corrected, INDEPENDENCE_TOLERANCE);
        assertTrue(Math.abs(corrected) < plugin, "the correction must move the plug-in value towards 0");
    }

    @Test
    void exposesItsTwoVariants() {
        assertTrue(PanzeriTrevesCorrection.bayesian().isBayesian());
        assertFalse(PanzeriTrevesCorrection.naive().isBayesian());
        assertSame(PanzeriTrevesCorrection.bayesian(), PanzeriTrevesCorrection.bayesian());
    }

    @Test
    void rejectsInvalidBinCountArguments() {
        assertThrows(IllegalArgumentException.class, () -> PanzeriTrevesCorrection.bayesianBinCount(new double[0], 3));
        assertThrows(IllegalArgumentException.class,
                () -> PanzeriTrevesCorrection.bayesianBinCount(new double[] {0.5, 0.5}, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PanzeriTrevesCorrection.bayesianBinCount(new double[] {0.5, Double.NaN}, 4));
        assertTrue(e.getMessage().contains("probabilities[1]"), e.getMessage());
    }
}
