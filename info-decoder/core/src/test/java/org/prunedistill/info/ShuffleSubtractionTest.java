package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShuffleSubtractionTest {

    /** Standard deviations allowed between our mean and the reference mean (README of the reference data). */
    private static final double STANDARD_DEVIATIONS = 4.0;
    private static final double EXACT_TOLERANCE = 1e-12;

    static List<String> analyticCases() {
        return ReferenceData.analyticCaseNames();
    }

    @ParameterizedTest
    @MethodSource("analyticCases")
    void landsNearTheReferenceShuffleSubtractedValue(String caseName) {
        JsonNode expected = ReferenceData.expected(caseName);
        JsonNode shuffled = expected.get("I_shuffled_plugin");
        ShuffleSubtraction correction = ShuffleSubtraction.withDefaults();
        double tolerance = STANDARD_DEVIATIONS * shuffled.get("sd").asDouble()
                * Math.sqrt(1.0 / correction.shuffles() + 1.0 / shuffled.get("reps").asDouble());
        DiscreteResponses responses = ReferenceData.analyticCase(caseName);
        assertEquals(expected.get("I_shuffle_sub").asDouble(),
                correction.correctedBits(responses, new SplittableRandom(caseName.hashCode())), tolerance);
    }

    @Test
    void subtractsTheMeanShuffledValueFromThePluginValue() {
        DiscreteResponses responses = ReferenceData.analyticCase("independent_exact_S4_T12");
        ShuffleSubtraction correction = ShuffleSubtraction.withDefaults().withShuffles(7);
        double mean = correction.meanShuffledBits(responses, new SplittableRandom(9));
        double corrected = correction.correctedBits(responses, new SplittableRandom(9));
        assertEquals(PluginInformation.bits(responses) - mean, corrected, EXACT_TOLERANCE);
        assertTrue(mean > 0, "shuffled tables of 48 trials carry spurious information");
    }

    @Test
    void usesTwentyShufflesByDefault() {
        assertEquals(20, ShuffleSubtraction.withDefaults().shuffles());
        assertEquals(5, ShuffleSubtraction.withDefaults().withShuffles(5).shuffles());
    }

    @Test
    void rejectsFewerThanOneShuffle() {
        assertThrows(IllegalArgumentException.class, () -> ShuffleSubtraction.withDefaults().withShuffles(0));
    }
}
