package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuadraticExtrapolationTest {

    private static final double REFERENCE_TOLERANCE = 1e-10;
    private static final double EXACT_TOLERANCE = 1e-12;
    /** Standard deviations allowed between our mean and the reference mean (README of the reference data). */
    private static final double STANDARD_DEVIATIONS = 4.0;

    static List<String> analyticCases() {
        return ReferenceData.analyticCaseNames();
    }

    @ParameterizedTest
    @MethodSource("analyticCases")
    void reproducesTheReferenceValueInStoredTrialOrder(String caseName) {
        double expected = ReferenceData.expected(caseName).get("I_qe_det").asDouble();
        assertEquals(expected, QuadraticExtrapolation.deterministic(ReferenceData.analyticCase(caseName)),
                REFERENCE_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("analyticCases")
    void landsNearTheReferenceMeanOverRandomReorderings(String caseName) {
        JsonNode random = ReferenceData.expected(caseName).get("I_qe_pyent_random");
        int permutations = QuadraticExtrapolation.DEFAULT_PERMUTATIONS;
        double tolerance = STANDARD_DEVIATIONS * random.get("sd").asDouble()
                * Math.sqrt(1.0 / permutations + 1.0 / random.get("reps").asDouble());
        double averaged = QuadraticExtrapolation.averaged(ReferenceData.analyticCase(caseName), permutations,
                new SplittableRandom(caseName.hashCode()));
        assertEquals(random.get("mean").asDouble(), averaged, Math.max(tolerance, REFERENCE_TOLERANCE));
    }

    @Test
    void extrapolatesAnExactlyQuadraticCurveInOneOverNToItsLimit() {
        double limit = 0.7;
        double a = 3.1;
        double b = -11.5;
        int trials = 40;
        double[] value = new double[5];
        for (int fraction : new int[] {1, 2, 4}) {
            double x = fraction / (double) trials;
            value[fraction] = limit + a * x + b * x * x;
        }
        assertEquals(limit, QuadraticExtrapolation.extrapolate(value[1], value[2], value[4]), EXACT_TOLERANCE);
    }

    @Test
    void equalsTheLeastSquaresQuadraticThroughAllSevenSubsets() {
        SplittableRandom rng = new SplittableRandom(21);
        int[] perStimulus = {20, 23, 26};
        List<int[]> trials = new ArrayList<>();
        for (int s = 0; s < perStimulus.length; s++) {
            for (int t = 0; t < perStimulus[s]; t++) {
                trials.add(new int[] {s, rng.nextInt(10) < 3 + 2 * s ? 1 : rng.nextInt(3)});
            }
        }
        DiscreteResponses all = responsesOf(trials, null, 1, 0);
        int n = all.trials();
        double[] x = new double[7];
        double[] y = new double[7];
        x[0] = 1.0 / n;
        y[0] = PluginInformation.bits(all);
        for (int part = 0; part < 2; part++) {
            x[1 + part] = 2.0 / n;
            y[1 + part] = PluginInformation.bits(responsesOf(trials, perStimulus, 2, part));
        }
        for (int part = 0; part < 4; part++) {
            x[3 + part] = 4.0 / n;
            y[3 + part] = PluginInformation.bits(responsesOf(trials, perStimulus, 4, part));
        }
        double intercept = LeastSquares.quadraticIntercept(x, y);
        assertEquals(intercept, QuadraticExtrapolation.deterministic(all), REFERENCE_TOLERANCE);
    }

    @Test
    void keepsANoiselessBijectionAtLogTwoOfTheStimulusCount() {
        int[] stimuli = Synthetic.stimulusLabels(4, 8);
        DiscreteResponses responses = new DiscreteResponses(stimuli, stimuli, 4, 4);
        assertEquals(2.0, QuadraticExtrapolation.deterministic(responses), EXACT_TOLERANCE);
        assertEquals(2.0, QuadraticExtrapolation.averaged(responses, new SplittableRandom(1)), EXACT_TOLERANCE);
    }

    @Test
    void isNotANumberWhenAStimulusHasFewerThanFourTrials() {
        int[] stimuli = {0, 0, 0, 0, 1, 1, 1};
        int[] responses = {0, 1, 0, 1, 1, 1, 0};
        DiscreteResponses few = new DiscreteResponses(responses, stimuli, 2, 2);
        assertTrue(Double.isNaN(QuadraticExtrapolation.deterministic(few)));
        assertTrue(Double.isNaN(QuadraticExtrapolation.averaged(few, 3, new SplittableRandom(1))));
    }

    @Test
    void rejectsFewerThanOnePermutation() {
        DiscreteResponses responses = ReferenceData.analyticCase("bijection_S8_T16");
        assertThrows(IllegalArgumentException.class,
                () -> QuadraticExtrapolation.averaged(responses, 0, new SplittableRandom(1)));
    }

    /** Trials {@code (stimulus, response)}; with {@code perStimulus}, only part {@code part} of {@code parts}. */
    private static DiscreteResponses responsesOf(List<int[]> trials, int[] perStimulus, int parts, int part) {
        List<int[]> kept = new ArrayList<>();
        int[] seen = new int[3];
        for (int[] trial : trials) {
            int s = trial[0];
            int index = seen[s]++;
            int size = perStimulus == null ? Integer.MAX_VALUE : perStimulus[s] / parts;
            if (perStimulus == null || (index >= part * size && index < (part + 1) * size)) {
                kept.add(trial);
            }
        }
        int[] stimuli = kept.stream().mapToInt(trial -> trial[0]).toArray();
        int[] responses = kept.stream().mapToInt(trial -> trial[1]).toArray();
        return new DiscreteResponses(responses, stimuli, 3, 3);
    }
}
