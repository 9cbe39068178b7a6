package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PluginInformationTest {

    /** Agreement with the float64 reference rows. */
    private static final double REFERENCE_TOLERANCE = 1e-10;
    /** Hand-computed closed forms. */
    private static final double EXACT_TOLERANCE = 1e-12;

    static List<String> analyticCases() {
        return ReferenceData.analyticCaseNames();
    }

    @ParameterizedTest
    @MethodSource("analyticCases")
    void reproducesTheReferencePluginValue(String caseName) {
        double expected = ReferenceData.expected(caseName).get("I_plugin").asDouble();
        assertEquals(expected, PluginInformation.bits(ReferenceData.analyticCase(caseName)), REFERENCE_TOLERANCE);
    }

    @Test
    void givesLogTwoOfTheStimulusCountForANoiselessBijection() {
        int[] stimuli = Synthetic.stimulusLabels(5, 7);
        DiscreteResponses responses = new DiscreteResponses(stimuli, stimuli, 5, 5);
        assertEquals(Math.log(5) / Math.log(2), PluginInformation.bits(responses), EXACT_TOLERANCE);
    }

    @Test
    void givesOneMinusTheBinaryEntropyForABinarySymmetricChannel() {
        int perStimulus = 100;
        int flipped = 10;
        int[] stimuli = Synthetic.stimulusLabels(2, perStimulus);
        int[] responses = new int[stimuli.length];
        for (int t = 0; t < stimuli.length; t++) {
            boolean flip = t % perStimulus < flipped;
            responses[t] = flip ? 1 - stimuli[t] : stimuli[t];
        }
        double expected = 1 - Synthetic.binaryEntropy(0.1);
        assertEquals(expected, PluginInformation.bits(new DiscreteResponses(responses, stimuli, 2, 2)),
                EXACT_TOLERANCE);
    }

    @Test
    void givesExactlyZeroForAnExactlyIndependentTable() {
        int[] stimuli = {0, 0, 0, 1, 1, 1};
        int[] responses = {0, 1, 2, 2, 1, 0};
        assertEquals(0.0, PluginInformation.bits(new DiscreteResponses(responses, stimuli, 3, 2)));
    }

    @Test
    void ignoresStimuliAndResponseBinsWithoutTrials() {
        int[] responses = {0, 0, 1, 1, 1, 0};
        int[] stimuli = {0, 0, 0, 1, 1, 1};
        double compact = PluginInformation.bits(new DiscreteResponses(responses, stimuli, 2, 2));
        int[] spreadStimuli = {0, 0, 0, 3, 3, 3};
        int[] spreadResponses = {0, 0, 4, 4, 4, 0};
        double spread = PluginInformation.bits(new DiscreteResponses(spreadResponses, spreadStimuli, 6, 5));
        assertEquals(compact, spread, EXACT_TOLERANCE);
    }
}
