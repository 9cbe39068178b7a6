package org.prunedistill.infodecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.prunedistill.claimcheck.SourceTensor;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * A small rat-like design with planted units: 4 objects x (8 position views + 15 views at each of -15 and +15 deg),
 * 10 trials, 3 RF positions at azimuth -20, +20 and 0 deg. Units {@code u} sit at position {@code u % 3}:
 * unit 0 tracks its RF luminance, unit 1 tracks object identity whatever the luminance, unit 2 is noise, unit 3
 * tracks the whole-image luminance of the condition table.
 */
final class PlantedSource {

    static final int OBJECTS = 4;
    static final int VIEWS = 38;
    static final int CONDITIONS = OBJECTS * VIEWS;
    static final int TRIALS = 10;
    static final int POSITIONS = 3;
    static final int UNITS = 4;
    static final float[] AZIMUTHS = {-20f, 20f, 0f};
    static final int LUMINANCE_UNIT = 0;
    static final int OBJECT_UNIT = 1;
    static final int NOISE_UNIT = 2;
    static final int WHOLE_IMAGE_UNIT = 3;

    final List<StimulusCondition> conditions = new ArrayList<>();
    /** RF luminance and contrast, {@code [positions, conditions]} row-major, % of white. */
    final float[] rfLuminance = new float[POSITIONS * CONDITIONS];
    final float[] rfContrast = new float[POSITIONS * CONDITIONS];
    final SourceTensor tensor;

    PlantedSource(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] wholeImage = levels(random);
        double[] wholeContrast = levels(random);
        for (int c = 0; c < CONDITIONS; c++) {
            int object = c / VIEWS;
            int view = c % VIEWS;
            String axis = view < 8 ? "position" : "size";
            double group = view < 8 ? Double.NaN : view < 23 ? -15 : 15;
            conditions.add(new StimulusCondition(c, object, "object-" + object, axis, view, wholeImage[c],
                    wholeContrast[c], group));
        }
        for (int p = 0; p < POSITIONS; p++) {
            double[] luminance = levels(random);
            double[] contrast = levels(random);
            for (int c = 0; c < CONDITIONS; c++) {
                rfLuminance[p * CONDITIONS + c] = (float) luminance[c];
                rfContrast[p * CONDITIONS + c] = (float) contrast[c];
            }
        }
        float[] data = new float[CONDITIONS * TRIALS * UNITS];
        for (int c = 0; c < CONDITIONS; c++) {
            for (int t = 0; t < TRIALS; t++) {
                int offset = (c * TRIALS + t) * UNITS;
                data[offset + LUMINANCE_UNIT] = rfLuminance[LUMINANCE_UNIT * CONDITIONS + c]
                        + (float) random.nextGaussian();
                data[offset + OBJECT_UNIT] = 30f * (c / VIEWS) + (float) random.nextGaussian();
                data[offset + NOISE_UNIT] = (float) random.nextGaussian();
                data[offset + WHOLE_IMAGE_UNIT] = (float) (wholeImage[c] + random.nextGaussian());
            }
        }
        tensor = new SourceTensor(CONDITIONS, TRIALS, UNITS, data);
    }

    /**
     * One value per condition: each object's views get the same grid 10..90 % in a random order, so every object has
     * the same mean luminance (object pairs pass the luminance-ratio threshold) while views differ widely.
     */
    private static double[] levels(SplittableRandom random) {
        double[] values = new double[CONDITIONS];
        for (int object = 0; object < OBJECTS; object++) {
            int[] order = new int[VIEWS];
            for (int v = 0; v < VIEWS; v++) {
                order[v] = v;
            }
            for (int v = VIEWS - 1; v > 0; v--) {
                int j = random.nextInt(v + 1);
                int swap = order[v];
                order[v] = order[j];
                order[j] = swap;
            }
            for (int v = 0; v < VIEWS; v++) {
                values[object * VIEWS + v] = 10.0 + 80.0 * order[v] / (VIEWS - 1);
            }
        }
        return values;
    }
}
