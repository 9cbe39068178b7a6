package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwoNnMaximumLikelihoodTest extends IdEstimatorContractTest {

    /** DADApy d9038b3 {@code compute_id_2NN(algorithm="ml")} on 2gaussians_in_2d.npy (test-support/reference/id). */
    static final double DADAPY_TWO_GAUSSIANS_ID = 2.000755298671753;
    /** Float32 rounding of the reference data moves the estimate by about 1e-6. */
    static final double REFERENCE_TOLERANCE = 1e-5;
    static final double EXACT_TOLERANCE = 1e-12;
    /** Chi-square tables give 6 decimals: chi2(100) 2.5% = 74.221927, 97.5% = 129.561197. */
    static final double TABLE_TOLERANCE = 1e-6;
    static final double NORMAL_995 = 2.5758293035489;

    @Override
    IdEstimator estimator() {
        return TwoNnMaximumLikelihood.withDefaults();
    }

    @Test
    void reproducesDadapyOnItsTwoGaussiansData() {
        IdEstimate estimate = estimate(estimator(), Samples.dadapyTwoGaussians());
        assertEquals(DADAPY_TWO_GAUSSIANS_ID, estimate.id(), REFERENCE_TOLERANCE);
        assertEquals(100, estimate.pointsUsed());
        assertEquals(0, estimate.pointsDropped());
    }

    @Test
    void computesTheUnbiasedEstimateAndTheGammaIntervalByHand() {
        double[] mu = new double[50];
        Arrays.fill(mu, Math.exp(0.5));
        TwoNnMleEstimate result = TwoNnMaximumLikelihood.withDefaults()
                .estimateWithInterval(TwoNnEstimatorTest.ratios(mu));
        double sumLogMu = 25.0;
        assertEquals(49.0 / sumLogMu, result.estimate().id(), EXACT_TOLERANCE);
        assertEquals(74.221927 / 2.0 / sumLogMu, result.ciLow(), TABLE_TOLERANCE);
        assertEquals(129.561197 / 2.0 / sumLogMu, result.ciHigh(), TABLE_TOLERANCE);
        double error = (result.ciHigh() - result.ciLow()) / 2.0 / 1.959964;
        assertEquals(error, result.estimate().error(), TABLE_TOLERANCE);
        assertEquals(Map.of("alpha", "0.05"), result.estimate().parameters());
    }

    @Test
    void widensTheIntervalForASmallerAlphaButKeepsTheStandardError() {
        double[] mu = new double[400];
        SplittableRandom random = new SplittableRandom(22);
        for (int i = 0; i < mu.length; i++) {
            mu[i] = Math.pow(1.0 - random.nextDouble(), -0.5);
        }
        Neighbourhoods neighbourhoods = TwoNnEstimatorTest.ratios(mu);
        TwoNnMleEstimate at95 = TwoNnMaximumLikelihood.withDefaults().estimateWithInterval(neighbourhoods);
        TwoNnMleEstimate at99 = TwoNnMaximumLikelihood.withDefaults().withAlpha(0.01)
                .estimateWithInterval(neighbourhoods);
        assertTrue(at99.ciLow() < at95.ciLow() && at99.ciHigh() > at95.ciHigh(), "99% interval contains 95%");
        assertTrue(at95.ciLow() < at95.estimate().id() && at95.estimate().id() < at95.ciHigh(), "id inside");
        double relative = Math.abs(at99.estimate().error() / at95.estimate().error() - 1.0);
        assertTrue(relative < 0.02, "error nearly independent of alpha, relative change " + relative);
        double halfWidth99 = (at99.ciHigh() - at99.ciLow()) / 2.0;
        assertEquals(halfWidth99 / NORMAL_995, at99.estimate().error(), EXACT_TOLERANCE);
    }

    @Test
    void reportsTheMeanScaleOfAllPoints() {
        IdEstimate estimate = TwoNnMaximumLikelihood.withDefaults()
                .estimate(TwoNnEstimatorTest.ratios(new double[] {2.0, 3.0, 4.0, 5.0}));
        assertEquals((1.5 + 2.0 + 2.5 + 3.0) / 4.0, estimate.scale(), EXACT_TOLERANCE);
    }

    @Test
    void reportsAnInfiniteDimensionWhenEveryRatioIsOne() {
        TwoNnMleEstimate result = TwoNnMaximumLikelihood.withDefaults()
                .estimateWithInterval(TwoNnEstimatorTest.ratios(new double[] {1.0, 1.0, 1.0}));
        assertEquals(Double.POSITIVE_INFINITY, result.estimate().id());
        assertEquals(Double.POSITIVE_INFINITY, result.ciLow());
        assertTrue(Double.isNaN(result.estimate().error()));
    }

    @Test
    void rejectsAlphaOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> TwoNnMaximumLikelihood.withDefaults().withAlpha(0.0));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TwoNnMaximumLikelihood.withDefaults().withAlpha(1.0));
        assertTrue(error.getMessage().contains("alpha"), error.getMessage());
    }
}
