package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearDimensionTest {

    static final double EXACT_TOLERANCE = 1e-9;
    /** Participation ratio of an isotropic Gaussian sample: D minus sampling fluctuation of order D^2 / N. */
    static final double ISOTROPIC_RELATIVE_TOLERANCE = 0.05;

    /** Independent Gaussian features with the given standard deviations. */
    static Points gaussian(int n, double[] deviations, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int d = deviations.length;
        float[] data = new float[n * d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                data[r * d + c] = (float) (deviations[c] * random.nextGaussian());
            }
        }
        return new Points(data, n, d);
    }

    @Test
    void givesTheSameDimensionsWhenThePointsArePaddedWithConstantFeaturesAcrossGramChunks() {
        // Three informative features, spread over three column chunks of the Gram matrix of 9,000 features.
        Points narrow = gaussian(30, new double[] {3.0, 2.0, 0.5}, 12);
        int d = 2 * LinearDimension.GRAM_COLUMNS + 808;
        int[] columns = {0, LinearDimension.GRAM_COLUMNS + 1, d - 1};
        float[] wide = new float[30 * d];
        for (int r = 0; r < 30; r++) {
            for (int k = 0; k < columns.length; k++) {
                wide[r * d + columns[k]] = narrow.get(r, k);
            }
        }
        LinearDimensionEstimate small = LinearDimension.withDefaults().estimate(narrow);
        LinearDimensionEstimate large = LinearDimension.withDefaults().estimate(new Points(wide, 30, d));
        assertEquals(small.participationRatio(), large.participationRatio(), EXACT_TOLERANCE);
        assertEquals(small.pcaComponents(), large.pcaComponents());
        assertEquals(d - 3, large.constantFeatures());
    }

    @Test
    void computesTheParticipationRatioOfADiagonalCovarianceByHand() {
        // Four points: feature 0 takes +-3 and feature 1 takes +-1, uncorrelated; covariance diag(12, 4 / 3).
        float[] data = {3, 1, 3, -1, -3, 1, -3, -1};
        LinearDimensionEstimate estimate = LinearDimension.withDefaults().estimate(new Points(data, 4, 2));
        double lambda0 = 12.0;
        double lambda1 = 4.0 / 3.0;
        double expected = (lambda0 + lambda1) * (lambda0 + lambda1) / (lambda0 * lambda0 + lambda1 * lambda1);
        assertEquals(expected, estimate.participationRatio(), EXACT_TOLERANCE);
        assertEquals(2, estimate.pcaComponents(), "standardised, both features explain half");
    }

    @Test
    void countsComponentsUntilTheCumulativeVarianceFirstExceedsTheThreshold() {
        assertEquals(2, LinearDimension.componentsExceeding(new double[] {5, 4, 0.5, 0.5}, 0.85));
        assertEquals(3, LinearDimension.componentsExceeding(new double[] {5, 4, 0.5, 0.5}, 0.9));
        assertEquals(1, LinearDimension.componentsExceeding(new double[] {10, 0}, 0.9));
    }

    @Test
    void givesTheRankOfALinearEmbedding() {
        SplittableRandom random = new SplittableRandom(91);
        Points embedded = Samples.embed(Samples.uniformCube(500, 3, random), 20, random);
        LinearDimensionEstimate estimate = LinearDimension.withDefaults().withVarianceThreshold(0.999)
                .estimate(embedded);
        assertEquals(3, estimate.pcaComponents());
        assertTrue(estimate.participationRatio() <= 3.0 + EXACT_TOLERANCE, "PR " + estimate.participationRatio());
    }

    @Test
    void givesAboutTheDimensionForAnIsotropicGaussian() {
        double[] deviations = new double[10];
        java.util.Arrays.fill(deviations, 2.0);
        LinearDimensionEstimate estimate = LinearDimension.withDefaults().estimate(gaussian(5_000, deviations, 92));
        assertEquals(10.0, estimate.participationRatio(), ISOTROPIC_RELATIVE_TOLERANCE * 10.0);
        assertEquals(9, estimate.pcaComponents(), "90% of ten equal variances needs nine or ten");
    }

    @Test
    void usesTheGramMatrixWhenFeaturesOutnumberPoints() {
        SplittableRandom random = new SplittableRandom(93);
        Points wide = Samples.embed(Samples.uniformCube(30, 4, random), 200, random);
        Points tall = Samples.embed(Samples.uniformCube(300, 4, new SplittableRandom(93)), 200,
                new SplittableRandom(94));
        LinearDimensionEstimate fromGram = LinearDimension.withDefaults().withVarianceThreshold(0.999).estimate(wide);
        assertEquals(4, fromGram.pcaComponents());
        assertEquals(4, LinearDimension.withDefaults().withVarianceThreshold(0.999).estimate(tall).pcaComponents());
        assertEquals(200, fromGram.features());
    }

    @Test
    void agreesBetweenCovarianceAndGramOnTheSameData() {
        double[] deviations = {3, 2, 1, 1, 0.5, 0.25};
        Points points = gaussian(5, deviations, 95);
        double fromGram = LinearDimension.withDefaults().estimate(points).participationRatio();
        double[][] covariance = new double[6][6];
        float[] data = points.data();
        double[] means = new double[6];
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 6; c++) {
                means[c] += data[r * 6 + c] / 5.0;
            }
        }
        for (int r = 0; r < 5; r++) {
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    covariance[i][j] += (data[r * 6 + i] - means[i]) * (data[r * 6 + j] - means[j]) / 4.0;
                }
            }
        }
        assertEquals(LinearDimension.participationRatio(SymmetricEigenvalues.of(covariance)), fromGram, 1e-6);
    }

    @Test
    void leavesConstantFeaturesOutAndCountsThem() {
        float[] data = {1, 5, 0, 2, 5, 1, 3, 5, 0, 4, 5, 1};
        LinearDimensionEstimate estimate = LinearDimension.withDefaults().estimate(new Points(data, 4, 3));
        assertEquals(1, estimate.constantFeatures());
        assertEquals(2, estimate.pcaComponents());
    }

    @Test
    void rejectsAThresholdOutsideZeroToOne() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LinearDimension.withDefaults().withVarianceThreshold(1.0));
        assertTrue(error.getMessage().contains("varianceThreshold"), error.getMessage());
    }
}
