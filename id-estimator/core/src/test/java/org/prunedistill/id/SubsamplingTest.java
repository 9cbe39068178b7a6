package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SubsamplingTest {

    static final double GROUND_TRUTH_TOLERANCE = 0.15;
    static final double EXACT_TOLERANCE = 1e-12;
    /** Expected SD of TwoNN on 900 points of a square is a few hundredths; anything below 0.2 is a sane error bar. */
    static final double LARGEST_SANE_ERROR = 0.2;

    static Points square(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return Samples.embed(Samples.uniformCube(n, 2, random), 6, random);
    }

    @Test
    void averagesFiftySubsamplesOfNinetyPercentNearTheTrueDimension() {
        SubsampledEstimate result = Subsampling.withDefaults()
                .estimate(square(1_000, 51), TwoNnEstimator.withDefaults(), new SplittableRandom(52));
        assertEquals(50, result.repetitions().size());
        assertEquals(900, result.sampleSize());
        assertEquals(2.0, result.id(), GROUND_TRUTH_TOLERANCE);
        assertTrue(result.error() > 0.0 && result.error() < LARGEST_SANE_ERROR, "error " + result.error());
        assertEquals("twonn", result.estimator());
    }

    @Test
    void reportsTheMeanAndPopulationDeviationOfItsRepetitions() {
        SubsampledEstimate result = Subsampling.withDefaults().withRepetitions(7)
                .estimate(square(300, 53), TwoNnMaximumLikelihood.withDefaults(), new SplittableRandom(54));
        double[] ids = result.repetitions().stream().mapToDouble(IdEstimate::id).toArray();
        double mean = (ids[0] + ids[1] + ids[2] + ids[3] + ids[4] + ids[5] + ids[6]) / 7.0;
        double squares = 0.0;
        for (double id : ids) {
            squares += (id - mean) * (id - mean);
        }
        assertEquals(mean, result.id(), EXACT_TOLERANCE);
        assertEquals(Math.sqrt(squares / 7.0), result.error(), EXACT_TOLERANCE);
    }

    @Test
    void givesTheSameErrorBarsForTheSameSeed() {
        Points points = square(200, 55);
        Subsampling subsampling = Subsampling.withDefaults().withRepetitions(5);
        assertEquals(subsampling.estimate(points, TwoNnEstimator.withDefaults(), new SplittableRandom(56)),
                subsampling.estimate(points, TwoNnEstimator.withDefaults(), new SplittableRandom(56)));
    }

    @Test
    void recomputesNeighbourhoodsDeepEnoughForGride() {
        SubsampledEstimate result = Subsampling.withDefaults().withRepetitions(5).withNeighbours(8)
                .estimate(square(500, 57), GrideEstimator.withDefaults().withOrders(4, 8), new SplittableRandom(58));
        assertEquals(2.0, result.id(), GROUND_TRUTH_TOLERANCE);
    }

    @Test
    void rejectsAFractionThatLeavesFewerThanThreePoints() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Subsampling.withDefaults().withFraction(0.1)
                        .estimate(square(20, 59), TwoNnEstimator.withDefaults(), new SplittableRandom(1)));
        assertTrue(error.getMessage().contains("fraction"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Subsampling.withDefaults().withRepetitions(0));
    }

    @Test
    void comparesAreasAtTheSmallestAreasNumberOfUnits() {
        SplittableRandom random = new SplittableRandom(60);
        double[][] latent = Samples.uniformCube(800, 3, random);
        Points small = Samples.embed(latent, 12, random);
        Points large = Samples.embed(latent, 40, random);
        List<SubsampledEstimate> results = EqualUnitSubsampling.withDefaults().withRepetitions(10)
                .estimate(List.of(small, large), TwoNnMaximumLikelihood.withDefaults(), new SplittableRandom(61));
        assertEquals(2, results.size());
        assertEquals(12, results.get(0).sampleSize());
        assertEquals(12, results.get(1).sampleSize());
        assertEquals(0.0, results.get(0).error(), EXACT_TOLERANCE);
        assertTrue(results.get(1).error() > 0.0, "the larger area varies across unit draws");
        assertEquals(3.0, results.get(1).id(), 0.3);
    }

    @Test
    void oneAreaAloneAtAGivenCountDrawsAsEveryAreaTogether() {
        SplittableRandom random = new SplittableRandom(63);
        double[][] latent = Samples.uniformCube(400, 3, random);
        Points small = Samples.embed(latent, 12, random);
        Points large = Samples.embed(latent, 40, random);
        EqualUnitSubsampling twelve = EqualUnitSubsampling.withDefaults().withRepetitions(5).withUnits(12);
        SplittableRandom together = new SplittableRandom(64);
        List<SubsampledEstimate> both = twelve.estimate(List.of(small, large), TwoNnEstimator.withDefaults(), together);
        SplittableRandom alone = new SplittableRandom(64);
        twelve.estimate(small, TwoNnEstimator.withDefaults(), alone);
        assertEquals(both.get(1), twelve.estimate(large, TwoNnEstimator.withDefaults(), alone),
                "the same draws, area after area");
        IllegalArgumentException smallest = assertThrows(IllegalArgumentException.class, () -> EqualUnitSubsampling
                .withDefaults().estimate(large, TwoNnEstimator.withDefaults(), new SplittableRandom(1)));
        assertTrue(smallest.getMessage().contains("units must be given"), smallest.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> EqualUnitSubsampling
                .withDefaults().withUnits(13).estimate(small, TwoNnEstimator.withDefaults(), new SplittableRandom(1)));
        assertEquals("units 13 exceeds the area's 12", tooMany.getMessage());
    }

    @Test
    void rejectsMoreUnitsThanTheSmallestAreaHas() {
        Points points = square(50, 62);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EqualUnitSubsampling.withDefaults().withUnits(7)
                        .estimate(List.of(points), TwoNnEstimator.withDefaults(), new SplittableRandom(1)));
        assertTrue(error.getMessage().contains("units"), error.getMessage());
    }
}
