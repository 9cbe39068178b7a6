package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GrideEstimatorTest extends IdEstimatorContractTest {

    /** The bisection stops when the bracket is narrower than 1e-7; its midpoint is within 5e-8 of the root. */
    static final double BISECTION_TOLERANCE = 1e-7;
    static final double EXACT_TOLERANCE = 1e-12;
    /** GRIDE at higher orders on 2,000 points of a boundary-free manifold, scales up to 16 neighbours. */
    static final double HIGHER_ORDER_TOLERANCE = 0.15;

    @Override
    IdEstimator estimator() {
        return GrideEstimator.withDefaults();
    }

    @Test
    void equalsTheTwoNnMaximumLikelihoodAtOrdersOneAndTwo() {
        Neighbourhoods neighbourhoods = NearestNeighbours.exact(rotatedSquareInTenDimensions(), NEIGHBOURS);
        IdEstimate gride = GrideEstimator.withDefaults().estimate(neighbourhoods);
        IdEstimate mle = TwoNnMaximumLikelihood.withDefaults().estimate(neighbourhoods);
        assertEquals(mle.id(), gride.id(), BISECTION_TOLERANCE);
        assertEquals(mle.scale(), gride.scale(), EXACT_TOLERANCE);
        assertEquals(gride.id() / Math.sqrt(neighbourhoods.n()), gride.error(), EXACT_TOLERANCE);
    }

    @Test
    void equalsTheTwoNnMaximumLikelihoodOnTheDadapyData() {
        Neighbourhoods neighbourhoods = NearestNeighbours.exact(Samples.dadapyTwoGaussians(), NEIGHBOURS);
        IdEstimate gride = GrideEstimator.withDefaults().estimate(neighbourhoods);
        assertEquals(TwoNnMaximumLikelihood.withDefaults().estimate(neighbourhoods).id(), gride.id(),
                BISECTION_TOLERANCE);
    }

    @Test
    void estimatesTwoAtHigherOrdersOnASphereInFiveDimensions() {
        SplittableRandom random = new SplittableRandom(31);
        Points sphere = Samples.embed(Samples.uniformSphere(SAMPLE_SIZE, 3, random), 5, random);
        Neighbourhoods neighbourhoods = NearestNeighbours.exact(sphere, 16);
        for (int n1 : new int[] {2, 4, 8}) {
            IdEstimate estimate = GrideEstimator.withDefaults().withOrders(n1, 2 * n1).estimate(neighbourhoods);
            assertEquals(2.0, estimate.id(), HIGHER_ORDER_TOLERANCE, "GRIDE(" + n1 + ", " + 2 * n1 + ")");
        }
    }

    @Test
    void recoversTheDimensionOfRatiosDrawnFromTheGrideDensity() {
        // For n2 = n1 + 1 the ratio is Pareto with F(mu) = 1 - mu^(-n1 d): draw mu = U^(-1 / (n1 d)).
        int n1 = 3;
        double dimension = 4.0;
        int n = 20_000;
        SplittableRandom random = new SplittableRandom(32);
        double[][] distances = new double[n][];
        int[][] indices = new int[n][];
        for (int i = 0; i < n; i++) {
            double mu = Math.pow(1.0 - random.nextDouble(), -1.0 / (n1 * dimension));
            distances[i] = new double[] {1.0, 1.0, 1.0, mu};
            indices[i] = new int[] {(i + 1) % n, (i + 2) % n, (i + 3) % n, (i + 4) % n};
        }
        IdEstimate estimate = GrideEstimator.withDefaults().withOrders(n1, n1 + 1)
                .estimate(new Neighbourhoods(distances, indices, n, 0));
        assertEquals(dimension, estimate.id(), 3.0 * estimate.error());
        assertTrue(estimate.error() < 0.05, "error " + estimate.error());
    }

    @Test
    void dropsOverlapRatiosFromTheEstimateButNotFromTheError() {
        double[] mu = new double[100];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = 1.5 + 0.01 * i;
        }
        mu[99] = 1e6;
        Neighbourhoods neighbourhoods = TwoNnEstimatorTest.ratios(mu);
        IdEstimate estimate = GrideEstimator.withDefaults().estimate(neighbourhoods);
        assertEquals(99, estimate.pointsUsed());
        assertEquals(1, estimate.pointsDropped());
        double sumKept = Arrays.stream(mu, 0, 99).map(Math::log).sum();
        assertEquals(98.0 / sumKept, estimate.id(), BISECTION_TOLERANCE);
        assertEquals(estimate.id() / Math.sqrt(100.0), estimate.error(), EXACT_TOLERANCE);
    }

    @Test
    void keepsEveryRatioWhenTheyHaveNoSpread() {
        double[] mu = new double[10];
        Arrays.fill(mu, Math.E);
        IdEstimate estimate = GrideEstimator.withDefaults().estimate(TwoNnEstimatorTest.ratios(mu));
        assertEquals(10, estimate.pointsUsed());
        assertEquals(9.0 / 10.0, estimate.id(), BISECTION_TOLERANCE);
    }

    @Test
    void nudgesRatiosOfOneAndSaturatesAtTheUpperBracket() {
        IdEstimate estimate = GrideEstimator.withDefaults()
                .estimate(TwoNnEstimatorTest.ratios(new double[] {1.0, 1.0, 1.0, 1.0}));
        assertEquals(GrideLikelihood.HIGHEST_DIMENSION, estimate.id());
        assertTrue(Double.isFinite(estimate.error()), "error " + estimate.error());
    }

    @Test
    void reportsItsOrdersAsParameters() {
        IdEstimate estimate = GrideEstimator.withDefaults().withOrders(2, 4)
                .estimate(NearestNeighbours.exact(rotatedSquareInTenDimensions(), 4));
        assertEquals(Map.of("n1", "2", "n2", "4"), estimate.parameters());
        assertEquals("gride", estimate.estimator());
    }

    @Test
    void computesTheScaleFromTheTwoOrdersDistances() {
        double[][] distances = {{1, 2, 3, 4}, {2, 2, 5, 6}, {1, 3, 4, 8}};
        int[][] indices = {{1, 2, 1, 2}, {0, 2, 0, 2}, {0, 1, 0, 1}};
        IdEstimate estimate = GrideEstimator.withDefaults().withOrders(2, 4)
                .estimate(new Neighbourhoods(distances, indices, 3, 0));
        assertEquals(((2 + 4) / 2.0 + (2 + 6) / 2.0 + (3 + 8) / 2.0) / 3.0, estimate.scale(), EXACT_TOLERANCE);
    }

    @Test
    void rejectsOrdersThatAreNotIncreasing() {
        assertThrows(IllegalArgumentException.class, () -> GrideEstimator.withDefaults().withOrders(0, 2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GrideEstimator.withDefaults().withOrders(4, 4));
        assertTrue(error.getMessage().contains("n2"), error.getMessage());
    }

    @Test
    void rejectsNeighbourhoodsShorterThanTheSecondOrder() {
        Neighbourhoods two = NearestNeighbours.exact(rotatedSquareInTenDimensions(), 2);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GrideEstimator.withDefaults().withOrders(2, 4).estimate(two));
        assertTrue(error.getMessage().contains("neighbourhoods"), error.getMessage());
    }
}
