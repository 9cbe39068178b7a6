package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitInformationEstimatorTest {

    private static final double EXACT_TOLERANCE = 1e-12;
    /** Corrected information of an independent unit with 240 trials and 3 x 4 bins stays within this of 0. */
    private static final double INDEPENDENCE_TOLERANCE = 0.04;
    private static final double SIGNIFICANCE = 0.05;
    private static final int TRIALS_PER_STIMULUS = 60;
    private static final double SILENT_FRACTION = 0.7;
    private static final double ACTIVE_LOW = 0.1;

    private final UnitInformationEstimator estimator = UnitInformationEstimator.withDefaults();

    @Test
    void reportsEveryCorrectionForAPlantedSignal() {
        SplittableRandom rng = new SplittableRandom(1);
        int[] stimuli = Synthetic.stimulusLabels(4, TRIALS_PER_STIMULUS);
        double[] responses = new double[stimuli.length];
        for (int t = 0; t < stimuli.length; t++) {
            responses[t] = stimuli[t] + 0.5 * rng.nextGaussian();
        }
        UnitInformation info = estimator.estimate(responses, stimuli);
        assertTrue(info.pluginBits() > 0.5, info.toString());
        assertTrue(info.panzeriTrevesBits() < info.pluginBits(), info.toString());
        assertTrue(info.quadraticExtrapolationBits() < info.pluginBits(), info.toString());
        assertTrue(info.shuffleSubtractedBits() < info.pluginBits(), info.toString());
        assertEquals(1.0 / 101, info.pValue());
        assertArrayEquals(new int[] {80, 80, 80}, info.binCounts());
    }

    @Test
    void findsInformationInAReluUnitWithSeventyPercentZeros() {
        SplittableRandom rng = new SplittableRandom(2);
        int[] stimuli = Synthetic.stimulusLabels(2, TRIALS_PER_STIMULUS * 2);
        double[] responses = new double[stimuli.length];
        for (int t = 0; t < stimuli.length; t++) {
            double activeProbability = stimuli[t] == 0 ? ACTIVE_LOW : 2 * (1 - SILENT_FRACTION) - ACTIVE_LOW;
            responses[t] = rng.nextDouble() < activeProbability ? 0.2 + rng.nextDouble() : 0.0;
        }
        UnitInformation info = estimator.estimate(responses, stimuli);
        int[] counts = info.binCounts();
        assertTrue(counts[0] > counts[2] && counts[1] == 0 && counts[2] > 0, info.toString());
        assertTrue(info.panzeriTrevesBits() > 0.05, info.toString());
        assertTrue(info.pValue() < SIGNIFICANCE, info.toString());
    }

    @Test
    void bringsAnIndependentUnitNearZeroAfterCorrection() {
        SplittableRandom rng = new SplittableRandom(3);
        int[] stimuli = Synthetic.stimulusLabels(4, TRIALS_PER_STIMULUS);
        double[] responses = new double[stimuli.length];
        for (int t = 0; t < stimuli.length; t++) {
            responses[t] = rng.nextGaussian();
        }
        UnitInformation info = estimator.estimate(responses, stimuli);
        assertEquals(0.0, info.panzeriTrevesBits(), INDEPENDENCE_TOLERANCE, info.toString());
        assertEquals(0.0, info.quadraticExtrapolationBits(), INDEPENDENCE_TOLERANCE, info.toString());
        assertEquals(0.0, info.shuffleSubtractedBits(), INDEPENDENCE_TOLERANCE, info.toString());
        assertTrue(info.pValue() > SIGNIFICANCE, info.toString());
    }

    @Test
    void agreesWithTheComponentEstimatorsOnTheBinnedLabels() {
        DiscreteResponses labels = ReferenceData.analyticCase("independent_exact_S4_T12");
        UnitInformationEstimator none = estimator.withBinning(Binning.NONE).withBins(3);
        UnitInformation info = none.estimate(Synthetic.asDoubles(labels.responses()), labels.stimuli());
        assertEquals(PluginInformation.bits(labels), info.pluginBits(), EXACT_TOLERANCE);
        assertEquals(PanzeriTrevesCorrection.bayesian().correctedBits(labels), info.panzeriTrevesBits(),
                EXACT_TOLERANCE);
        assertArrayEquals(labels.responseCounts(), info.binCounts());
    }

    @Test
    void fillsOnlyPluginAndPanzeriTrevesOnTheCheapPath() {
        double[] responses = {0.1, 0.5, 0.2, 0.9, 0.8, 0.7, 0.3, 0.6, 0.4};
        int[] stimuli = {0, 0, 0, 1, 1, 1, 2, 2, 2};
        UnitInformation cheap = estimator.estimatePluginAndPt(responses, stimuli);
        UnitInformation full = estimator.estimate(responses, stimuli);
        assertEquals(full.pluginBits(), cheap.pluginBits());
        assertEquals(full.panzeriTrevesBits(), cheap.panzeriTrevesBits());
        assertArrayEquals(full.binCounts(), cheap.binCounts());
        assertTrue(Double.isNaN(cheap.quadraticExtrapolationBits()) && Double.isNaN(cheap.shuffleSubtractedBits())
                && Double.isNaN(cheap.pValue()));
    }

    @Test
    void givesTheSameResultForTheSameSeed() {
        SplittableRandom rng = new SplittableRandom(4);
        int[] stimuli = Synthetic.stimulusLabels(3, 20);
        double[] responses = new double[stimuli.length];
        for (int t = 0; t < responses.length; t++) {
            responses[t] = rng.nextDouble() + 0.2 * stimuli[t];
        }
        assertEquals(estimator.estimate(responses, stimuli), estimator.estimate(responses, stimuli));
        UnitInformation reseeded = estimator.withSeed(99).estimate(responses, stimuli);
        assertNotEquals(estimator.estimate(responses, stimuli).shuffleSubtractedBits(),
                reseeded.shuffleSubtractedBits());
    }

    @Test
    void skipsAnEstimatorConfiguredWithZeroRepetitions() {
        double[] responses = {0.1, 0.5, 0.2, 0.9, 0.8, 0.7, 0.3, 0.6};
        int[] stimuli = {0, 0, 0, 0, 1, 1, 1, 1};
        UnitInformation info = estimator.withShuffles(0).withPermutations(0).withQuadraticPermutations(0)
                .estimate(responses, stimuli);
        assertTrue(Double.isNaN(info.quadraticExtrapolationBits()) && Double.isNaN(info.shuffleSubtractedBits())
                && Double.isNaN(info.pValue()));
        assertTrue(Double.isFinite(info.panzeriTrevesBits()));
    }

    @Test
    void binsByEqualWidthsWhenAsked() {
        double[] responses = {0, 1, 2, 3, 4, 5, 6, 10, 10};
        int[] stimuli = {0, 0, 0, 0, 0, 1, 1, 1, 1};
        UnitInformation info = estimator.withBinning(Binning.EQUAL_WIDTH).estimatePluginAndPt(responses, stimuli);
        assertArrayEquals(new int[] {4, 3, 2}, info.binCounts());
    }

    @Test
    void usesTheConfiguredBinsAsTheAlphabetWithoutBinning() {
        double[] responses = {0, 0, 1, 1, 0, 1};
        int[] stimuli = {0, 0, 0, 1, 1, 1};
        UnitInformation info = estimator.withBinning(Binning.NONE).withBins(5).estimatePluginAndPt(responses, stimuli);
        assertArrayEquals(new int[] {3, 3, 0, 0, 0}, info.binCounts());
        UnitInformationEstimator labelled = estimator.withBinning(Binning.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> labelled.estimatePluginAndPt(new double[] {0, 1.5, 2}, new int[] {0, 1, 1}));
        assertTrue(e.getMessage().contains("values[1]"), e.getMessage());
    }

    @Test
    void rejectsMismatchedLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator.estimate(new double[] {1, 2, 3, 4}, new int[] {0, 1, 1}));
        assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
    }

    @Test
    void rejectsNotANumberNamingItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator.estimatePluginAndPt(new double[] {1, 2, Double.NaN, 4}, new int[] {0, 0, 1, 1}));
        assertTrue(e.getMessage().contains("values[2]"), e.getMessage());
    }

    @Test
    void rejectsFewerTrialsThanBins() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator.withBins(5).estimate(new double[] {1, 2, 3, 4}, new int[] {0, 0, 1, 1}));
        assertTrue(e.getMessage().contains("fewer than bins"), e.getMessage());
    }

    @Test
    void rejectsASingleStimulus() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator.estimate(new double[] {1, 2, 3, 4}, new int[] {2, 2, 2, 2}));
        assertTrue(e.getMessage().contains("need at least two stimuli"), e.getMessage());
    }

    @Test
    void rejectsANegativeStimulusLabel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator.estimatePluginAndPt(new double[] {1, 2, 3, 4}, new int[] {0, 1, -1, 1}));
        assertTrue(e.getMessage().contains("stimuli[2]"), e.getMessage());
    }

    @Test
    void extrapolatesInStoredOrderOnRequest() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        double[] responses = new double[400];
        int[] stimuli = new int[400];
        for (int t = 0; t < responses.length; t++) {
            stimuli[t] = t / 20;
            responses[t] = Math.max(0, stimuli[t] % 3 - 1 + random.nextGaussian());
        }
        UnitInformation information = estimator.withQuadraticPermutations(UnitInformationEstimator.STORED_ORDER)
                .estimate(responses, stimuli);
        double expected = QuadraticExtrapolation.deterministic(
                new DiscreteResponses(EquipopulatedBinning.labels(responses, 3), stimuli, 3, 20));
        assertEquals(expected, information.quadraticExtrapolationBits(), 1e-12);
    }

    @Test
    void findsTheStimulusRunsAgainWhenTheSameArrayChanges() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(6);
        double[] responses = new double[400];
        int[] stimuli = new int[400];
        for (int t = 0; t < responses.length; t++) {
            stimuli[t] = t / 20;
            responses[t] = Math.max(0, stimuli[t] % 3 - 1 + random.nextGaussian());
        }
        UnitInformationEstimator storedOrder = estimator.withQuadraticPermutations(
                UnitInformationEstimator.STORED_ORDER);
        double twenty = storedOrder.estimate(responses, stimuli).quadraticExtrapolationBits();
        // The same array rewritten to the same 20 stimuli in runs of 10 to 80 trials: its runs are found again, not
        // taken from the last call.
        for (int t = 0; t < stimuli.length; t++) {
            stimuli[t] = (int) (20.0 * t * t / (400.0 * 400.0));
        }
        double uneven = storedOrder.estimate(responses, stimuli).quadraticExtrapolationBits();
        double expected = QuadraticExtrapolation.deterministic(
                new DiscreteResponses(EquipopulatedBinning.labels(responses, 3), stimuli, 3, 20));
        assertEquals(expected, uneven, 1e-12);
        assertNotEquals(twenty, uneven);
    }

    @Test
    void rejectsInvalidConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> estimator.withBins(1));
        assertThrows(IllegalArgumentException.class, () -> estimator.withShuffles(-1));
        assertThrows(IllegalArgumentException.class, () -> estimator.withPermutations(-1));
        assertThrows(IllegalArgumentException.class, () -> estimator.withQuadraticPermutations(-2));
        assertThrows(NullPointerException.class, () -> estimator.withBinning(null));
    }

    @Test
    void startsFromTheDocumentedDefaults() {
        assertEquals(3, estimator.bins());
        assertEquals(Binning.EQUIPOPULATED, estimator.binning());
        assertEquals(20, estimator.shuffles());
        assertEquals(100, estimator.permutations());
        assertEquals(10, estimator.quadraticPermutations());
        assertEquals(UnitInformationEstimator.DEFAULT_SEED, estimator.seed());
        assertEquals(7, estimator.withBins(7).bins());
    }
}
