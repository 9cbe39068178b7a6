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
import org.junit.jupiter.params.provider.ValueSource;

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
    void extrapolatesAnExactlyQuadraticCurveInOneOverNToItsLimitAtUnevenTrialCounts() {
        double limit = 0.7;
        double a = 3.1;
        double b = -11.5;
        int[] trials = {43, 22, 21, 11, 11, 11, 10};
        double[] value = new double[trials.length];
        for (int i = 0; i < trials.length; i++) {
            double x = 1.0 / trials[i];
            value[i] = limit + a * x + b * x * x;
        }
        assertEquals(limit, QuadraticExtrapolation.extrapolate(trials, value), EXACT_TOLERANCE);
    }

    /**
     * Three points at N = 10, 5, 2 (not the nominal 10, 5, 2.5): with u = 10 / N = 1, 2, 5 the quadratic through them
     * takes at u = 0 the Lagrange weights 2*5 / ((2-1)(5-1)) = 5/2, 1*5 / ((1-2)(5-2)) = -5/3 and
     * 1*2 / ((1-5)(2-5)) = 1/6, so I_inf = 5/2 * 0.5 - 5/3 * 0.6 + 1/6 * 1.0 = 5/4 - 1 + 1/6 = 5/12. The nominal
     * formula (8 I_1 - 6 I_half + I_quarter) / 3 would give 1.4 / 3 = 0.4667 instead.
     */
    @Test
    void extrapolatesThreePointsAtTheirActualTrialCounts() {
        assertEquals(5.0 / 12.0, QuadraticExtrapolation.extrapolate(new int[] {10, 5, 2}, new double[] {0.5, 0.6, 1.0}),
                EXACT_TOLERANCE);
    }

    /**
     * The least-squares fit of the seven subsets equals the quadratic through the three means (weights 8/3, -1, -1 and
     * 1/12 four times) when every stimulus' trials split evenly into quarters.
     */
    @Test
    void reducesToTheClosedFormWhenQuartersAreEven() {
        double[] bits = {0.61, 0.70, 0.66, 0.93, 0.88, 0.79, 0.84};
        double closedForm = (8 * bits[0] - 6 * (bits[1] + bits[2]) / 2 + (bits[3] + bits[4] + bits[5] + bits[6]) / 4)
                / 3;
        assertEquals(closedForm, QuadraticExtrapolation.extrapolate(new int[] {40, 20, 20, 10, 10, 10, 10}, bits),
                EXACT_TOLERANCE);
    }

    /**
     * Two stimuli with 5 trials each, responses s0: 0 0 0 1 0 and s1: 1 1 1 1 0 in stored order. Halves take 3 and 2
     * trials of each stimulus, quarters 2, 1, 1, 1, so the subsets and their plug-in values are
     * <pre>
     * full      N = 10  s0 {0,0,0,1,0}  s1 {1,1,1,1,0}  1 - H2(0.2)
     * half 1    N = 6   s0 {0,0,0}      s1 {1,1,1}      1
     * half 2    N = 4   s0 {1,0}        s1 {1,0}        0
     * quarter 1 N = 4   s0 {0,0}        s1 {1,1}        1
     * quarter 2 N = 2   s0 {0}          s1 {1}          1
     * quarter 3 N = 2   s0 {1}          s1 {1}          0
     * quarter 4 N = 2   s0 {0}          s1 {0}          0
     * </pre>
     * The normal equations of the fit in u = 10 / N (u = 1, 5/3, 5/2, 5/2, 5, 5, 5) give the intercept weights
     * 5125/2704, 549/1352, -133/169, -133/169 and 737/8112 three times (they sum to 1), so
     * I_inf = 5125/2704 (1 - H2(0.2)) + 549/1352 - 133/169 + 737/8112 = 6511/4056 - 5125/2704 H2(0.2) = 0.23698.
     * Taking the nominal N/2 and N/4 on the same subsets would give -0.0918.
     */
    @Test
    void fitsUnevenHalvesAndQuartersAtTheirActualTrialCounts() {
        int[] stimuli = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        int[] responses = {0, 0, 0, 1, 0, 1, 1, 1, 1, 0};
        double h = -(0.2 * Math.log(0.2) + 0.8 * Math.log(0.8)) / Math.log(2.0);
        double expected = 6511.0 / 4056.0 - 5125.0 / 2704.0 * h;

        assertEquals(expected, QuadraticExtrapolation.deterministic(new DiscreteResponses(responses, stimuli, 2, 2)),
                EXACT_TOLERANCE);
        double[] x = {1.0 / 10, 1.0 / 6, 1.0 / 4, 1.0 / 4, 1.0 / 2, 1.0 / 2, 1.0 / 2};
        double[] y = {1 - h, 1, 0, 1, 1, 0, 0};
        assertEquals(expected, LeastSquares.quadraticIntercept(x, y), EXACT_TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 6})
    void equalsTheLeastSquaresQuadraticThroughAllSevenSubsetsAtTheirTrialCounts(int bins) {
        SplittableRandom rng = new SplittableRandom(21);
        int[] perStimulus = {20, 23, 26};
        List<int[]> trials = new ArrayList<>();
        for (int s = 0; s < perStimulus.length; s++) {
            for (int t = 0; t < perStimulus[s]; t++) {
                trials.add(new int[] {s, rng.nextInt(10) < 3 + 2 * s ? 1 : rng.nextInt(bins)});
            }
        }
        double[] x = new double[7];
        double[] y = new double[7];
        int point = 0;
        for (int parts : new int[] {1, 2, 4}) {
            for (int part = 0; part < parts; part++) {
                DiscreteResponses subset = responsesOf(trials, perStimulus, parts, part, bins);
                x[point] = 1.0 / subset.trials();
                y[point++] = PluginInformation.bits(subset);
            }
        }
        double intercept = LeastSquares.quadraticIntercept(x, y);
        assertEquals(intercept, QuadraticExtrapolation.deterministic(responsesOf(trials, perStimulus, 1, 0, bins)),
                REFERENCE_TOLERANCE);
    }

    @Test
    void refusesAFitThatTheTrialCountsDoNotDetermine() {
        assertThrows(IllegalArgumentException.class,
                () -> QuadraticExtrapolation.extrapolate(new int[] {8, 4, 4}, new double[] {0.1, 0.2, 0.3}));
        assertThrows(IllegalArgumentException.class,
                () -> QuadraticExtrapolation.extrapolate(new int[] {8, 4, 0}, new double[] {0.1, 0.2, 0.3}));
        assertThrows(IllegalArgumentException.class,
                () -> QuadraticExtrapolation.extrapolate(new int[] {8, 4, 2}, new double[] {0.1, 0.2}));
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

    /**
     * Trials {@code (stimulus, response)}: part {@code part} of {@code parts} of each stimulus' trials, cut as the rule
     * says (the first {@code n % parts} parts take one trial more), written out independently of the estimator.
     */
    private static DiscreteResponses responsesOf(List<int[]> trials, int[] perStimulus, int parts, int part,
            int bins) {
        List<int[]> kept = new ArrayList<>();
        int[] seen = new int[perStimulus.length];
        for (int[] trial : trials) {
            int s = trial[0];
            int index = seen[s]++;
            int size = perStimulus[s] / parts;
            int extra = perStimulus[s] % parts;
            int from = 0;
            for (int p = 0; p < part; p++) {
                from += size + (p < extra ? 1 : 0);
            }
            int to = from + size + (part < extra ? 1 : 0);
            if (index >= from && index < to) {
                kept.add(trial);
            }
        }
        int[] stimuli = kept.stream().mapToInt(trial -> trial[0]).toArray();
        int[] responses = kept.stream().mapToInt(trial -> trial[1]).toArray();
        return new DiscreteResponses(responses, stimuli, bins, perStimulus.length);
    }
}
