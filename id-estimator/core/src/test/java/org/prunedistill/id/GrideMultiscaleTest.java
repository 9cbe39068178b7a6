package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GrideMultiscaleTest {

    /**
     * DADApy d9038b3 {@code return_id_scaling_gride()} (range 64) on 2gaussians_in_2d.npy (test-support/reference/id,
     * numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1): ids, Fisher errors and scales for n1 = 1, 2, ..., 32.
     */
    static final double[] DADAPY_IDS = {2.00075528198012, 2.0321370960725176, 1.9118332735545407,
        2.0005572597157153, 1.674724196479219, 0.7208205644709815};
    static final double[] DADAPY_ERRORS = {0.20007552819801203, 0.14664294675707626, 0.09766772138442108,
        0.07223903339410027, 0.04275822635946105, 0.013014157589887016};
    static final double[] DADAPY_SCALES = {0.39476585274620596, 0.5674050664447299, 0.8013954468632573,
        1.1345740849601973, 1.6477687839932462, 3.5726393754646915};
    /** Relative: the reference data are rounded to float32 here (about 1e-7 per coordinate). */
    static final double REFERENCE_TOLERANCE = 1e-5;
    static final double GROUND_TRUTH_TOLERANCE = 0.15;

    @Test
    void reproducesDadapyMultiscaleIdsErrorsAndScalesOnItsTwoGaussiansData() {
        Points points = Samples.dadapyTwoGaussians();
        GrideMultiscale multiscale = GrideMultiscale.withDefaults();
        List<IdEstimate> estimates = multiscale.estimate(
                NearestNeighbours.exact(points, multiscale.neighboursFor(points.n())));
        assertEquals(DADAPY_IDS.length, estimates.size());
        for (int j = 0; j < estimates.size(); j++) {
            IdEstimate estimate = estimates.get(j);
            String scale = "n1 = " + (1 << j);
            assertEquals(DADAPY_IDS[j], estimate.id(), REFERENCE_TOLERANCE * DADAPY_IDS[j], scale);
            assertEquals(DADAPY_ERRORS[j], estimate.error(), REFERENCE_TOLERANCE * DADAPY_ERRORS[j], scale);
            assertEquals(DADAPY_SCALES[j], estimate.scale(), REFERENCE_TOLERANCE * DADAPY_SCALES[j], scale);
            assertEquals(Map.of("n1", Integer.toString(1 << j), "n2", Integer.toString(2 << j)),
                    estimate.parameters());
            assertEquals(1 << j, GrideMultiscale.smallerOrder(j), "the orders as the list's index tells them");
        }
    }

    @Test
    void estimatesOneAtEveryScaleOnANoiselessCircle() {
        SplittableRandom random = new SplittableRandom(41);
        Points circle = Samples.embed(Samples.uniformSphere(2_000, 2, random), 3, random);
        for (IdEstimate estimate : GrideMultiscale.withDefaults().estimate(NearestNeighbours.exact(circle, 64))) {
            assertEquals(1.0, estimate.id(), GROUND_TRUTH_TOLERANCE, estimate.parameters().toString());
        }
    }

    @Test
    void growsTheScaleWithTheOrder() {
        SplittableRandom random = new SplittableRandom(42);
        Points square = Samples.embed(Samples.uniformCube(500, 2, random), 4, random);
        List<IdEstimate> estimates = GrideMultiscale.withDefaults().withRangeMax(16)
                .estimate(NearestNeighbours.exact(square, 16));
        assertEquals(4, estimates.size());
        for (int j = 1; j < estimates.size(); j++) {
            assertTrue(estimates.get(j).scale() > estimates.get(j - 1).scale(), "scale grows at " + j);
        }
    }

    @Test
    void stopsAtTheNeighboursComputedWhenFewerThanTheRange() {
        Points points = Samples.dadapyTwoGaussians();
        assertEquals(3, GrideMultiscale.withDefaults().estimate(NearestNeighbours.exact(points, 12)).size());
        assertEquals(9, GrideMultiscale.withDefaults().neighboursFor(10));
        assertEquals(64, GrideMultiscale.withDefaults().neighboursFor(1_000));
    }

    @Test
    void rejectsARangeBelowTwo() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GrideMultiscale.withDefaults().withRangeMax(1));
        assertTrue(error.getMessage().contains("rangeMax"), error.getMessage());
    }
}
