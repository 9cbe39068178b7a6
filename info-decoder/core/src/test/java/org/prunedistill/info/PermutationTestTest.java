package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PermutationTestTest {

    private static final int REPETITIONS = 50;
    private static final double UNIFORM_MEAN_LOW = 0.35;
    private static final double UNIFORM_MEAN_HIGH = 0.65;

    @Test
    void givesTheSmallestPossibleValueForAPlantedSignal() {
        int[] stimuli = Synthetic.stimulusLabels(4, 15);
        int[] responses = new int[stimuli.length];
        for (int t = 0; t < stimuli.length; t++) {
            responses[t] = Math.min(stimuli[t], 2);
        }
        DiscreteResponses data = new DiscreteResponses(responses, stimuli, 3, 4);
        double p = PermutationTest.withDefaults().pValue(data, PluginInformation::bits, new SplittableRandom(1));
        assertEquals(1.0 / 101, p);
    }

    @Test
    void isRoughlyUniformForIndependentData() {
        SplittableRandom rng = new SplittableRandom(2);
        int[] stimuli = Synthetic.stimulusLabels(4, 15);
        PermutationTest test = PermutationTest.withDefaults();
        double sum = 0.0;
        for (int repeat = 0; repeat < REPETITIONS; repeat++) {
            DiscreteResponses data = new DiscreteResponses(Synthetic.independentLabels(stimuli.length, 3, rng),
                    stimuli, 3, 4);
            sum += test.pValue(data, PluginInformation::bits, rng);
        }
        double mean = sum / REPETITIONS;
        assertTrue(mean > UNIFORM_MEAN_LOW && mean < UNIFORM_MEAN_HIGH, "mean p-value " + mean);
    }

    @Test
    void countsNullValuesThatTieTheObservedOne() {
        DiscreteResponses data = ReferenceData.analyticCase("independent_exact_S4_T12");
        double p = PermutationTest.withDefaults().withPermutations(9)
                .pValue(data, responses -> 1.0, new SplittableRandom(3));
        assertEquals(1.0, p);
    }

    @Test
    void isNotANumberWhenTheObservedStatisticIsNotANumber() {
        DiscreteResponses data = ReferenceData.analyticCase("independent_exact_S4_T12");
        double p = PermutationTest.withDefaults().pValue(data, responses -> Double.NaN, new SplittableRandom(3));
        assertTrue(Double.isNaN(p));
    }

    @Test
    void agreesWithTheInternalPluginPathForTheSameRandomStream() {
        DiscreteResponses data = ReferenceData.analyticCase("bsc_exact_p0.1_T1000");
        double viaStatistic = PermutationTest.withDefaults().withPermutations(20)
                .pValue(data, PluginInformation::bits, new SplittableRandom(4));
        double direct = PermutationTest.pluginPValue(data.responsesView(), data.stimuliView(), 20,
                new SplittableRandom(4), data.table());
        assertEquals(viaStatistic, direct);
    }

    @Test
    void rejectsFewerThanOnePermutation() {
        assertEquals(100, PermutationTest.withDefaults().permutations());
        assertThrows(IllegalArgumentException.class, () -> PermutationTest.withDefaults().withPermutations(0));
    }
}
