package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimationScalingTest {

    /**
     * DADApy d9038b3 {@code return_id_scaling_2NN()} on 2gaussians_in_2d.npy (test-support/reference/id): sizes 100, 50,
     * 25, 12. One draw of DADApy's own RNG, so only the full size is deterministic.
     */
    static final int[] DADAPY_SIZES = {100, 50, 25, 12};
    static final double[] DADAPY_IDS = {1.8549133, 2.0390923, 2.2892260, 2.4145759};
    static final double REFERENCE_TOLERANCE = 1e-5;
    static final int DRAWS = 200;
    /** DADApy's single draw must fall inside the central 99% of ours. */
    static final double LOW_QUANTILE = 0.005;
    static final double HIGH_QUANTILE = 0.995;

    @Test
    void halvesTheSizeDownToMoreThanTenPoints() {
        assertEquals(List.of(100, 50, 25, 12), DecimationScaling.withDefaults().sizes(100));
        assertEquals(List.of(1000, 500, 250, 125, 62, 31, 16), DecimationScaling.withDefaults().sizes(1000));
        assertEquals(List.of(), DecimationScaling.withDefaults().sizes(10));
    }

    @Test
    void reproducesDadapyAtFullSizeAndUsesDisjointSubsets() {
        List<DecimationStep> steps = DecimationScaling.withDefaults()
                .estimate(Samples.dadapyTwoGaussians(), new SplittableRandom(71));
        assertEquals(4, steps.size());
        assertEquals(DADAPY_IDS[0], steps.get(0).id(), REFERENCE_TOLERANCE);
        assertEquals(0.0, steps.get(0).error());
        int[] subsets = {1, 2, 4, 8};
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(DADAPY_SIZES[i], steps.get(i).size());
            assertEquals(subsets[i], steps.get(i).subsets());
        }
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i).scale() > steps.get(i - 1).scale(), "scale grows as points are removed");
        }
    }

    @Test
    void agreesStatisticallyWithDadapysDecimatedValues() {
        Points points = Samples.dadapyTwoGaussians();
        double[][] ids = new double[DADAPY_SIZES.length][DRAWS];
        for (int draw = 0; draw < DRAWS; draw++) {
            List<DecimationStep> steps = DecimationScaling.withDefaults().estimate(points, new SplittableRandom(draw));
            for (int i = 0; i < steps.size(); i++) {
                ids[i][draw] = steps.get(i).id();
            }
        }
        for (int i = 1; i < DADAPY_SIZES.length; i++) {
            double[] sorted = ids[i].clone();
            java.util.Arrays.sort(sorted);
            double low = sorted[(int) (LOW_QUANTILE * DRAWS)];
            double high = sorted[(int) (HIGH_QUANTILE * DRAWS) - 1];
            assertTrue(DADAPY_IDS[i] >= low && DADAPY_IDS[i] <= high,
                    "size " + DADAPY_SIZES[i] + ": DADApy " + DADAPY_IDS[i] + " outside [" + low + ", " + high + "]");
        }
    }

    @Test
    void estimatesTwoAtEverySizeOfALargeSquare() {
        SplittableRandom random = new SplittableRandom(72);
        Points square = Samples.embed(Samples.uniformCube(4_000, 2, random), 5, random);
        for (DecimationStep step : DecimationScaling.withDefaults().withMinSize(200).estimate(square, random)) {
            assertEquals(2.0, step.id(), 0.15 + 3.0 * step.error(), "size " + step.size());
        }
    }

    @Test
    void rejectsDataTooSmallForAnySize() {
        Points tiny = Samples.embed(Samples.uniformCube(8, 2, new SplittableRandom(73)), 3, new SplittableRandom(74));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DecimationScaling.withDefaults().estimate(tiny, new SplittableRandom(75)));
        assertTrue(error.getMessage().contains("points"), error.getMessage());
    }
}
