package org.prunedistill.infodecoder.storage;

import java.util.List;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.SourceManifest;
import org.prunedistill.events.v1.UnitFeatures;
import org.prunedistill.info.analysis.domain.ReceptiveFields;

/**
 * Redeems a manifest's {@code unit_features} claims into {@link ReceptiveFields}; a manifest without them gets the
 * whole-image fallback. {@code rf_coverage} is optional: unset, the coverage is unknown (SCIENCE.md 4.7: units are
 * then judged by their responses alone); the whole-image fallback has none either. Failure behaviour:
 * {@link IllegalArgumentException} (the source fails with the message) for a shape that disagrees with the declared
 * positions or the condition count, a non-finite value, or a coverage outside [0, 1], naming the key and the flat
 * index; store problems arrive as the claim-check's own exceptions.
 */
public final class UnitFeaturesReader {

    private UnitFeaturesReader() {
    }

    /** The receptive fields of the manifest's source over {@code conditions}. */
    public static ReceptiveFields read(SourceManifest manifest, List<StimulusCondition> conditions,
            ObjectStore store) {
        if (!manifest.hasUnitFeatures()) {
            return ReceptiveFields.wholeImage(conditions);
        }
        UnitFeatures features = manifest.getUnitFeatures();
        int positions = features.getPositions();
        if (positions < 1) {
            throw new IllegalArgumentException("unit_features declares " + positions + " positions");
        }
        float[][] luminance = matrix(store.fetchTensor(features.getRfLuminance()), positions, conditions.size(),
                "rf_luminance", features.getRfLuminance());
        float[][] contrast = matrix(store.fetchTensor(features.getRfContrast()), positions, conditions.size(),
                "rf_contrast", features.getRfContrast());
        double[] azimuth = new double[positions];
        if (features.hasRfAzimuth()) {
            FloatTensor azimuths = store.fetchTensor(features.getRfAzimuth());
            if (azimuths.rank() != 1 || azimuths.dimension(0) != positions) {
                throw shape("rf_azimuth", features.getRfAzimuth(), azimuths, "[" + positions + "]");
            }
            // NaN is an unknown azimuth (a stimulus set without a visual angle, e.g. a user's photographs).
            azimuth = requireNotInfinite(azimuths.toDoubles(), "rf_azimuth");
        } else {
            java.util.Arrays.fill(azimuth, Double.NaN);
        }
        float[][] coverage = null;
        if (features.hasRfCoverage()) {
            coverage = matrix(store.fetchTensor(features.getRfCoverage()), positions, conditions.size(),
                    "rf_coverage", features.getRfCoverage());
            requireShares(coverage, features.getRfCoverage());
        }
        String map = features.getRfMap().isEmpty() ? "unspecified" : features.getRfMap();
        return new ReceptiveFields(positions, luminance, contrast, azimuth, map, coverage);
    }

    private static float[][] matrix(FloatTensor array, int positions, int conditions, String name, ObjectRef ref) {
        if (array.rank() != 2 || array.dimension(0) != positions || array.dimension(1) != conditions) {
            throw shape(name, ref, array, "[" + positions + ", " + conditions + "]");
        }
        // Rows of the stored floats: a table of every pixel of a 224 px input is 50,176 x 380 values.
        float[] values = array.data();
        float[][] rows = new float[positions][conditions];
        for (int p = 0; p < positions; p++) {
            for (int c = 0; c < conditions; c++) {
                float value = values[p * conditions + c];
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException("unit_features " + name + " holds " + value
                            + " at flat index " + (p * conditions + c));
                }
                rows[p][c] = value;
            }
        }
        return rows;
    }

    /** A coverage is a share of the RF map's weight: 0..1. */
    private static void requireShares(float[][] coverage, ObjectRef ref) {
        for (int p = 0; p < coverage.length; p++) {
            for (int c = 0; c < coverage[p].length; c++) {
                float value = coverage[p][c];
                if (value < 0f || value > 1f) {
                    throw new IllegalArgumentException("unit_features rf_coverage (" + ref.getKey() + ") holds "
                            + value + " at flat index " + (p * coverage[p].length + c) + ", outside [0, 1]");
                }
            }
        }
    }

    private static double[] requireNotInfinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("unit_features " + name + " holds " + values[i] + " at flat index "
                        + i);
            }
        }
        return values;
    }

    private static IllegalArgumentException shape(String name, ObjectRef ref, FloatTensor array, String expected) {
        return new IllegalArgumentException("unit_features " + name + " (" + ref.getKey() + ") has shape "
                + java.util.Arrays.toString(array.shape()) + ", expected " + expected);
    }
}
