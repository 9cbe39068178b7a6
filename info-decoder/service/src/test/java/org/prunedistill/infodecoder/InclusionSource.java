package org.prunedistill.infodecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.info.analysis.domain.ReceptiveFields;

/**
 * A layer-like source for the unit-inclusion checks (SCIENCE.md 4.7): 4 objects x 10 views without default positions
 * (every unit sees every condition), 5 trials, one RF position per unit so that each unit gets its own RF coverage
 * and luminance. Every object has the same RF luminance levels (20..74 % over its views), so every pair passes the
 * luminance-ratio thresholds unless a test dims one.
 */
final class InclusionSource {

    static final int OBJECTS = 4;
    static final int VIEWS = 10;
    static final int CONDITIONS = OBJECTS * VIEWS;
    static final int TRIALS = 5;

    /** A unit's response to one trial of a condition. */
    interface Response {
        double of(int condition, int trial, SplittableRandom random);
    }

    final List<StimulusCondition> conditions = new ArrayList<>();
    private final List<Response> responses = new ArrayList<>();
    private final List<float[]> coverage = new ArrayList<>();
    private final List<float[]> luminance = new ArrayList<>();

    InclusionSource() {
        for (int c = 0; c < CONDITIONS; c++) {
            conditions.add(new StimulusCondition(c, object(c), "object-" + object(c), "size", view(c),
                    20 + 6 * view(c), 10 + 5 * ((view(c) * 3) % VIEWS)));
        }
    }

    static int object(int condition) {
        return condition / VIEWS;
    }

    static int view(int condition) {
        return condition % VIEWS;
    }

    /** Adds a unit with its RF coverage per condition (null: unknown for every unit) and returns its index. */
    int add(Response response, float[] coverageOfConditions) {
        responses.add(response);
        coverage.add(coverageOfConditions);
        float[] rf = new float[CONDITIONS];
        for (int c = 0; c < CONDITIONS; c++) {
            rf[c] = (float) conditions.get(c).luminance();
        }
        luminance.add(rf);
        return responses.size() - 1;
    }

    /** The same coverage in every condition. */
    static float[] everywhere(double share) {
        float[] values = new float[CONDITIONS];
        java.util.Arrays.fill(values, (float) share);
        return values;
    }

    /** Scales one object's RF luminance for one unit (to make its pairs fail a luminance-ratio threshold). */
    void dim(int unit, int object, double factor) {
        for (int c = object * VIEWS; c < (object + 1) * VIEWS; c++) {
            luminance.get(unit)[c] *= (float) factor;
        }
    }

    SourceTensor tensor(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int units = responses.size();
        float[] data = new float[CONDITIONS * TRIALS * units];
        for (int c = 0; c < CONDITIONS; c++) {
            for (int t = 0; t < TRIALS; t++) {
                for (int u = 0; u < units; u++) {
                    data[(c * TRIALS + t) * units + u] = (float) responses.get(u).of(c, t, random);
                }
            }
        }
        return new SourceTensor(CONDITIONS, TRIALS, units, data);
    }

    /** One RF position per unit, the coverage known when every unit has one. */
    ReceptiveFields fields() {
        int units = responses.size();
        float[][] contrast = new float[units][CONDITIONS];
        for (int u = 0; u < units; u++) {
            for (int c = 0; c < CONDITIONS; c++) {
                contrast[u][c] = (float) conditions.get(c).contrast();
            }
        }
        double[] azimuth = new double[units];
        java.util.Arrays.fill(azimuth, Double.NaN);
        boolean known = coverage.stream().allMatch(java.util.Objects::nonNull);
        return new ReceptiveFields(units, luminance.toArray(float[][]::new), contrast, azimuth, "input-window",
                known ? coverage.toArray(float[][]::new) : null);
    }
}
