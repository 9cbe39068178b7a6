package org.prunedistill.info;

import java.util.function.IntBinaryOperator;
import java.util.random.RandomGenerator;

/** Synthetic object x view designs for the decomposition and invariance tests: condition = object * views + view. */
final class Design {

    private Design() {
    }

    /** A response model: the response on one trial of (object, view). */
    interface Response {
        double draw(int object, int view, RandomGenerator rng);
    }

    static ConditionResponses responses(int objects, int views, int trials, Response model, RandomGenerator rng) {
        double[][] values = new double[objects * views][trials];
        for (int o = 0; o < objects; o++) {
            for (int v = 0; v < views; v++) {
                for (int k = 0; k < trials; k++) {
                    values[o * views + v][k] = model.draw(o, v, rng);
                }
            }
        }
        return new ConditionResponses(values);
    }

    /** Features with luminance {@code luminance.applyAsDouble-like(object, view) / 1000} and contrast likewise. */
    static ConditionFeatures features(int objects, int views, IntBinaryOperator milliLuminance,
            IntBinaryOperator milliContrast) {
        int[] ids = new int[objects * views];
        double[] luminance = new double[ids.length];
        double[] contrast = new double[ids.length];
        for (int o = 0; o < objects; o++) {
            for (int v = 0; v < views; v++) {
                int c = o * views + v;
                ids[c] = o;
                luminance[c] = milliLuminance.applyAsInt(o, v) / 1000.0;
                contrast[c] = milliContrast.applyAsInt(o, v) / 1000.0;
            }
        }
        return new ConditionFeatures(ids, luminance, contrast);
    }
}
