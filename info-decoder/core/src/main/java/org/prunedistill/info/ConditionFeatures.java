package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a unit "sees" in each stimulus condition (SCIENCE.md section 2): the object shown, and the RF luminance and RF
 * contrast of the image for this unit (both depend on the unit's receptive field, so they are per unit). Arrays are
 * indexed by condition, in the order of the matching {@link ConditionResponses}. Immutable.
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} for arrays of different lengths, no conditions, a negative
 * object id or a NaN or infinite luminance or contrast (naming the index).
 *
 * @param objects    object id per condition, non-negative
 * @param luminance  RF luminance per condition (a fraction or % of the full-field white value)
 * @param contrast   RF contrast per condition
 */
public record ConditionFeatures(int[] objects, double[] luminance, double[] contrast) {

    /** Validates and copies. */
    public ConditionFeatures {
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(luminance, "luminance");
        Objects.requireNonNull(contrast, "contrast");
        if (objects.length == 0) {
            throw new IllegalArgumentException("objects must hold at least one condition");
        }
        if (luminance.length != objects.length || contrast.length != objects.length) {
            throw new IllegalArgumentException("objects, luminance and contrast differ in length: " + objects.length
                    + ", " + luminance.length + ", " + contrast.length);
        }
        for (int c = 0; c < objects.length; c++) {
            if (objects[c] < 0) {
                throw new IllegalArgumentException("objects[" + c + "] = " + objects[c] + " is negative");
            }
            requireFinite(luminance[c], "luminance", c);
            requireFinite(contrast[c], "contrast", c);
        }
        objects = objects.clone();
        luminance = luminance.clone();
        contrast = contrast.clone();
    }

    /** Number of conditions. */
    public int conditions() {
        return objects.length;
    }

    /** Copy of the object ids. */
    @Override
    public int[] objects() {
        return objects.clone();
    }

    /** Copy of the RF luminance per condition. */
    @Override
    public double[] luminance() {
        return luminance.clone();
    }

    /** Copy of the RF contrast per condition. */
    @Override
    public double[] contrast() {
        return contrast.clone();
    }

    int[] objectsView() {
        return objects;
    }

    double[] luminanceView() {
        return luminance;
    }

    /** Throws unless {@code responses} has one entry per condition of these features. */
    void requireMatches(ConditionResponses responses) {
        if (responses.conditions() != objects.length) {
            throw new IllegalArgumentException("responses hold " + responses.conditions()
                    + " conditions, features describe " + objects.length);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConditionFeatures that && Arrays.equals(objects, that.objects)
                && Arrays.equals(luminance, that.luminance) && Arrays.equals(contrast, that.contrast);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(objects), Arrays.hashCode(luminance), Arrays.hashCode(contrast));
    }

    @Override
    public String toString() {
        return "ConditionFeatures[conditions=" + objects.length + "]";
    }

    private static void requireFinite(double value, String name, int index) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + "[" + index + "] is not finite: " + value);
        }
    }
}
