package org.prunedistill.info;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearSupportVectorMachineTest {

    private static final double SOLVER_TOLERANCE = 1e-3;

    @Test
    void findsTheMaximumMarginLineOfSeparableTwoDimensionalPoints() {
        // Support vectors (1, 1) and (-1, -1); with the bias as a regularised feature the optimum is w = (1/2, 1/2),
        // b = 0 (alpha = 1/4 on both, below C = 1), so y (w.x + b) = 1 exactly on the support vectors.
        double[][] x = {{1, 1}, {2, 2}, {3, 1}, {-1, -1}, {-2, -2}, {-1, -3}};
        int[] y = {1, 1, 1, 0, 0, 0};
        LinearClassifier classifier = LinearSupportVectorMachine.withDefaults().withTolerance(1e-9)
                .fit(x, y, new SplittableRandom(1));
        assertArrayEquals(new double[] {0.5, 0.5}, classifier.weights(), SOLVER_TOLERANCE);
        assertEquals(0.0, classifier.bias(), SOLVER_TOLERANCE);
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], classifier.decide(x[i]));
        }
        assertEquals(1.0, classifier.score(x[0]), SOLVER_TOLERANCE);
    }

    @Test
    void boundsTheDualVariablesByTheCost() {
        // Two coincident points of opposite classes: hinge loss cannot reach 0; with C = 1 and this symmetry the
        // solution stays w = 0, b = 0 and the classifier cannot separate them.
        double[][] x = {{1, 0}, {1, 0}};
        int[] y = {1, 0};
        LinearClassifier classifier = LinearSupportVectorMachine.withDefaults().fit(x, y, new SplittableRandom(2));
        assertArrayEquals(new double[] {0, 0}, classifier.weights(), SOLVER_TOLERANCE);
    }

    @Test
    void rejectsBadArguments() {
        LinearSupportVectorMachine machine = LinearSupportVectorMachine.withDefaults();
        assertThrows(IllegalArgumentException.class, () -> machine.withCost(0));
        assertThrows(IllegalArgumentException.class,
                () -> machine.fit(new double[][] {{1}, {2, 3}}, new int[] {0, 1}, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class,
                () -> machine.fit(new double[][] {{1}, {2}}, new int[] {0, 2}, new SplittableRandom(1)));
    }
}
