package org.prunedistill.info.analysis.domain;

import java.util.List;
import java.util.Objects;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * What each unit's receptive field sees (SCIENCE.md 2): per RF position, the RF luminance and RF contrast of every
 * condition (% of white) and the azimuth of the RF centre (degrees; NaN when unknown). Unit {@code u} sits at
 * position {@code u % positions}. Arrays are {@code [positions][conditions]} and {@code [positions]}; not copied (the
 * record is built once per source and only read). Luminance and contrast are kept as the float32 they are stored as
 * (a per-pixel table of a 224 px input is 50,176 x 380 values); {@link #luminanceAt} and {@link #contrastAt} give a
 * position's row as doubles.
 *
 * <p>{@code coverage} is the share of the RF map's weight lying on the object in each condition (0..1), which decides
 * whether a unit sees the object (SCIENCE.md 4.7); null when unknown (stimuli without an object mask, recordings,
 * the whole-image fallback).
 *
 * @param positions RF positions P, at least 1
 * @param luminance RF luminance per position and condition
 * @param contrast  RF contrast per position and condition
 * @param azimuth   RF centre azimuth per position, NaN when unknown
 * @param map       how the RF map was chosen, for example {@code input-window} or {@code whole-image}
 * @param coverage  share of the RF on the object per position and condition; null when unknown
 */
public record ReceptiveFields(int positions, float[][] luminance, float[][] contrast, double[] azimuth,
        String map, float[][] coverage) {

    /** Name of {@link #map()} when the fields are the whole image. */
    public static final String WHOLE_IMAGE = "whole-image";

    /** Checks the shapes. */
    public ReceptiveFields {
        Objects.requireNonNull(map, "map");
        if (positions < 1 || luminance.length != positions || contrast.length != positions
                || azimuth.length != positions) {
            throw new IllegalArgumentException("receptive fields: " + positions + " positions but "
                    + luminance.length + " luminance rows, " + contrast.length + " contrast rows and "
                    + azimuth.length + " azimuths");
        }
        if (coverage != null && coverage.length != positions) {
            throw new IllegalArgumentException("receptive fields: " + positions + " positions but " + coverage.length
                    + " coverage rows");
        }
    }

    /**
     * The fallback without unit features: one position covering the whole image, with the condition table's
     * luminance and contrast, and an unknown azimuth.
     */
    public static ReceptiveFields wholeImage(List<StimulusCondition> conditions) {
        float[] luminance = new float[conditions.size()];
        float[] contrast = new float[conditions.size()];
        for (int c = 0; c < conditions.size(); c++) {
            luminance[c] = (float) conditions.get(c).luminance();
            contrast[c] = (float) conditions.get(c).contrast();
        }
        return new ReceptiveFields(1, new float[][] {luminance}, new float[][] {contrast},
                new double[] {Double.NaN}, WHOLE_IMAGE, null);
    }

    /** RF luminance of every condition at one position. */
    public double[] luminanceAt(int position) {
        return widen(luminance[position]);
    }

    /** RF contrast of every condition at one position. */
    public double[] contrastAt(int position) {
        return widen(contrast[position]);
    }

    /** Whether the share of each RF on the object is known. */
    public boolean hasCoverage() {
        return coverage != null;
    }

    /** Share of the RF on the object in every condition at one position; null when unknown. */
    public double[] coverageAt(int position) {
        return coverage == null ? null : widen(coverage[position]);
    }

    private static double[] widen(float[] row) {
        double[] values = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            values[i] = row[i];
        }
        return values;
    }

    /** The RF position of a unit. */
    public int position(int unit) {
        return unit % positions;
    }
}
