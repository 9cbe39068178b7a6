package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwoNnEstimatorTest extends IdEstimatorContractTest {

    /** DADApy d9038b3 {@code compute_id_2NN()} on its 2gaussians_in_2d.npy (test-support/reference/id/README.md). */
    static final double DADAPY_TWO_GAUSSIANS_ID = 1.8549132954537622;
    /** Float32 rounding of the reference data moves the estimate by about 1e-6. */
    static final double REFERENCE_TOLERANCE = 1e-5;
    static final double EXACT_TOLERANCE = 1e-12;

    @Override
    IdEstimator estimator() {
        return TwoNnEstimator.withDefaults();
    }

    @Test
    void reproducesDadapyOnItsTwoGaussiansData() {
        IdEstimate estimate = estimate(estimator(), Samples.dadapyTwoGaussians());
        assertEquals(DADAPY_TWO_GAUSSIANS_ID, estimate.id(), REFERENCE_TOLERANCE);
        assertEquals(90, estimate.pointsUsed());
        assertEquals(10, estimate.pointsDropped());
    }

    @Test
    void recoversTheExactDimensionFromIdealParetoRatios() {
        int n = 100;
        double dimension = 3.0;
        double[] mu = new double[n];
        for (int i = 1; i < n; i++) {
            mu[i - 1] = Math.pow(1.0 - (double) i / n, -1.0 / dimension);
        }
        mu[n - 1] = 1e6;
        IdEstimate estimate = TwoNnEstimator.withDefaults().estimate(ratios(mu));
        assertEquals(dimension, estimate.id(), EXACT_TOLERANCE);
    }

    @Test
    void keepsRatiosOfOneAsZeroLogarithmsThatStillTakeTheirRank() {
        double e = Math.E;
        double[] mu = {e * e * e, 1.0, e, 1.0, e * e};
        IdEstimate estimate = TwoNnEstimator.withDefaults().withFraction(0.8).estimate(ratios(mu));
        double expected = (Math.log(2.5) + 2.0 * Math.log(5.0)) / 5.0;
        assertEquals(expected, estimate.id(), EXACT_TOLERANCE);
        assertEquals(4, estimate.pointsUsed());
        assertEquals(1, estimate.pointsDropped());
    }

    @Test
    void reportsTheMeanScaleOfTheKeptPoints() {
        double[] mu = {4.0, 2.0, 3.0, 5.0};
        IdEstimate estimate = TwoNnEstimator.withDefaults().withFraction(0.5).estimate(ratios(mu));
        assertEquals(((1.0 + 2.0) / 2.0 + (1.0 + 3.0) / 2.0) / 2.0, estimate.scale(), EXACT_TOLERANCE);
        assertEquals(Map.of("fraction", "0.5"), estimate.parameters());
    }

    @Test
    void keepsAtMostAllButTheLastRatioWithTheFullFraction() {
        double[] mu = {2.0, 3.0, 4.0, 5.0};
        IdEstimate estimate = TwoNnEstimator.withDefaults().withFraction(1.0).estimate(ratios(mu));
        assertTrue(Double.isFinite(estimate.id()), "finite id " + estimate.id());
        assertEquals(3, estimate.pointsUsed());
    }

    @Test
    void reportsAnInfiniteDimensionWhenEveryKeptRatioIsOne() {
        double[] mu = {1.0, 1.0, 1.0, 2.0};
        IdEstimate estimate = TwoNnEstimator.withDefaults().withFraction(0.75).estimate(ratios(mu));
        assertEquals(Double.POSITIVE_INFINITY, estimate.id());
        assertTrue(Double.isNaN(estimate.error()));
    }

    @Test
    void rejectsFractionsOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> TwoNnEstimator.withDefaults().withFraction(0.0));
        assertThrows(IllegalArgumentException.class, () -> TwoNnEstimator.withDefaults().withFraction(1.5));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TwoNnEstimator.withDefaults().withFraction(Double.NaN));
        assertTrue(error.getMessage().contains("fraction"), error.getMessage());
    }

    @Test
    void rejectsAFractionThatKeepsNoPoint() {
        TwoNnEstimator tiny = TwoNnEstimator.withDefaults().withFraction(0.1);
        assertThrows(IllegalArgumentException.class, () -> tiny.estimate(ratios(new double[] {2.0, 3.0, 4.0})));
    }

    @Test
    void rejectsAZeroNearestNeighbourDistance() {
        double[][] distances = {{0.0, 1.0}, {1.0, 2.0}, {1.0, 2.0}};
        int[][] indices = {{1, 2}, {0, 2}, {0, 1}};
        Neighbourhoods withDuplicate = new Neighbourhoods(distances, indices, 3, 0);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TwoNnEstimator.withDefaults().estimate(withDuplicate));
        assertTrue(error.getMessage().contains("point 0"), error.getMessage());
    }

    /** Neighbourhoods with r1 = 1 and r2 = mu for every point (indices arbitrary but valid). */
    static Neighbourhoods ratios(double[] mu) {
        int n = mu.length;
        double[][] distances = new double[n][];
        int[][] indices = new int[n][];
        for (int i = 0; i < n; i++) {
            distances[i] = new double[] {1.0, mu[i]};
            indices[i] = new int[] {(i + 1) % n, (i + 2) % n};
        }
        return new Neighbourhoods(distances, indices, n, 0);
    }
}
