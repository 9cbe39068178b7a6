package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What every {@link IdEstimator} must do; each implementation's test extends this class. */
abstract class IdEstimatorContractTest {

    static final int SAMPLE_SIZE = 2_000;
    static final int NEIGHBOURS = 2;
    static final double GROUND_TRUTH_TOLERANCE = 0.15;
    static final double REORDER_TOLERANCE = 1e-9;
    /** Relative; the translated coordinates are rounded to float32 (observed change about 1e-7). */
    static final double TRANSFORM_TOLERANCE = 1e-5;
    static final float SCALE_FACTOR = 8.0f;
    /**
     * 2,000 uniform points of a 5-cube: every estimator lands below 5 (the known bias at d >= 5). An independent numpy/scipy
     * run gives 4.69 +- 0.13 (mean +- SD over 10 draws) for both the TwoNN 0.9 fit and the MLE.
     */
    static final double FIVE_CUBE_LOW = 4.3;
    static final double FIVE_CUBE_HIGH = 4.95;

    /** The estimator under test, with its default configuration. */
    abstract IdEstimator estimator();

    static IdEstimate estimate(IdEstimator estimator, Points points) {
        return estimator.estimate(NearestNeighbours.exact(points, NEIGHBOURS));
    }

    static Points rotatedSquareInTenDimensions() {
        SplittableRandom random = new SplittableRandom(11);
        return Samples.embed(Samples.uniformCube(SAMPLE_SIZE, 2, random), 10, random);
    }

    @Test
    void estimatesTwoOnAUniformSquareEmbeddedInTenDimensions() {
        assertEquals(2.0, estimate(estimator(), rotatedSquareInTenDimensions()).id(), GROUND_TRUTH_TOLERANCE);
    }

    @Test
    void estimatesOneOnANoiselessCircleInThreeDimensions() {
        SplittableRandom random = new SplittableRandom(12);
        Points circle = Samples.embed(Samples.uniformSphere(SAMPLE_SIZE, 2, random), 3, random);
        assertEquals(1.0, estimate(estimator(), circle).id(), GROUND_TRUTH_TOLERANCE);
    }

    @Test
    void estimatesThreeOnTheThreeSphereEmbeddedInEightDimensions() {
        SplittableRandom random = new SplittableRandom(13);
        Points sphere = Samples.embed(Samples.uniformSphere(SAMPLE_SIZE, 4, random), 8, random);
        assertEquals(3.0, estimate(estimator(), sphere).id(), GROUND_TRUTH_TOLERANCE);
    }

    @Test
    void estimatesBelowFiveOnAFiveCubeInTwentyDimensions() {
        SplittableRandom random = new SplittableRandom(21);
        Points cube = Samples.embed(Samples.uniformCube(SAMPLE_SIZE, 5, random), 20, random);
        double id = estimate(estimator(), cube).id();
        assertTrue(id > FIVE_CUBE_LOW && id < FIVE_CUBE_HIGH, "5-cube estimate " + id);
    }

    @Test
    void doesNotDependOnRowOrder() {
        Points points = rotatedSquareInTenDimensions();
        Points shuffled = Samples.permuteRows(points, Samples.shuffledOrder(points.n(), new SplittableRandom(14)));
        IdEstimate original = estimate(estimator(), points);
        IdEstimate reordered = estimate(estimator(), shuffled);
        assertEquals(original.id(), reordered.id(), REORDER_TOLERANCE * original.id());
        assertEquals(original.scale(), reordered.scale(), REORDER_TOLERANCE * original.scale());
        assertEquals(original.pointsUsed(), reordered.pointsUsed());
    }

    @Test
    void isUnchangedByAGlobalScalingAndTranslation() {
        Points points = rotatedSquareInTenDimensions();
        float[] moved = points.data().clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] = SCALE_FACTOR * moved[i] + 0.25f * (i % points.d()) - 1.0f;
        }
        IdEstimate original = estimate(estimator(), points);
        IdEstimate transformed = estimate(estimator(), new Points(moved, points.n(), points.d()));
        assertEquals(original.id(), transformed.id(), TRANSFORM_TOLERANCE * original.id());
        assertEquals(SCALE_FACTOR * original.scale(), transformed.scale(), TRANSFORM_TOLERANCE * transformed.scale());
    }

    @Test
    void reportsPointsUsedAndDroppedThatAddUpToTheDistinctPoints() {
        Neighbourhoods neighbourhoods = NearestNeighbours.exact(rotatedSquareInTenDimensions(), NEIGHBOURS);
        IdEstimate estimate = estimator().estimate(neighbourhoods);
        assertTrue(estimate.pointsUsed() > 0, "pointsUsed must be positive");
        assertEquals(neighbourhoods.n(), estimate.pointsUsed() + estimate.pointsDropped());
        assertEquals(estimator().name(), estimate.estimator());
    }

    @Test
    void givesTheSameEstimateWhenTenPercentOfRowsAreDuplicated() {
        Points points = rotatedSquareInTenDimensions();
        int duplicates = points.n() / 10;
        int[] order = new int[points.n() + duplicates];
        for (int i = 0; i < points.n(); i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < duplicates; i++) {
            order[points.n() + i] = random.nextInt(points.n());
        }
        Neighbourhoods withDuplicates = NearestNeighbours.exact(Samples.permuteRows(points, order), NEIGHBOURS);
        IdEstimate original = estimate(estimator(), points);
        IdEstimate deduplicated = estimator().estimate(withDuplicates);
        assertEquals(duplicates, withDuplicates.duplicatesRemoved());
        assertEquals(points.n() + duplicates, withDuplicates.pointsBefore());
        assertEquals(original, deduplicated);
    }

    @Test
    void givesTheSameResultOnRepeatedCalls() {
        Neighbourhoods neighbourhoods = NearestNeighbours.exact(rotatedSquareInTenDimensions(), NEIGHBOURS);
        IdEstimator estimator = estimator();
        assertEquals(estimator.estimate(neighbourhoods), estimator.estimate(neighbourhoods));
    }

    @Test
    void rejectsNeighbourhoodsWithASingleNeighbour() {
        Neighbourhoods single = NearestNeighbours.exact(rotatedSquareInTenDimensions(), 1);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> estimator().estimate(single));
        assertTrue(error.getMessage().contains("neighbourhoods"), error.getMessage());
    }
}
