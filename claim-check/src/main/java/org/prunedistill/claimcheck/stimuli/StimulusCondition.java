package org.prunedistill.claimcheck.stimuli;

import java.util.List;
import java.util.Objects;
import org.prunedistill.claimcheck.Excerpt;

/**
 * Metadata of one stimulus condition: one object shown in one view.
 *
 * <p>{@code axis} names the transformation that produced the view and {@code value} its amount, in the axis' own
 * unit: {@code position} = horizontal offset in degrees of visual angle (azimuth, positive to the right),
 * {@code size} = object diameter in degrees of visual angle, {@code rotation} = in-plane rotation in degrees
 * (positive counter-clockwise), {@code depth-rotation} = rotation in depth about the vertical axis in degrees
 * (positive: the right side turns away), {@code luminance} = object luminance in percent of the default,
 * {@code exemplar} = which image of its class a condition of a set of natural-like images is (0, 1, ...; exemplar k of
 * every class is aligned with exemplar k of the others, nothing else is shared). The default view is the
 * {@code position} view at 0 degrees. {@code luminance} and {@code contrast} describe the clean rendered image:
 * mean pixel luminance and the standard deviation of pixel luminance (RMS contrast), both in percent of white.
 *
 * @param index      condition index, 0-based and contiguous within a stimulus set
 * @param object     object id, 0-based
 * @param objectName human-readable object name, e.g. {@code sphere}
 * @param axis       one of {@link #AXES}
 * @param value      transformation amount in the axis' unit
 * @param luminance  mean luminance of the clean image, % of white (0..100)
 * @param contrast   RMS contrast of the clean image, % of white (0..100)
 * @param groupAzimuth the default position (degrees azimuth) a non-position view was shown at, so that a unit's
 *                   analysis can keep the views nearer its receptive field (SCIENCE.md 2); NaN when the view is
 *                   not tied to one default position (the position views, or sets without the notion)
 * @throws IllegalArgumentException naming the offending component when a value is out of range
 */
public record StimulusCondition(int index, int object, String objectName, String axis, double value,
                                double luminance, double contrast, double groupAzimuth) {

    /** Axis of the position views (degrees azimuth). */
    public static final String POSITION = "position";
    /** Axis of the size views (degrees of visual angle). */
    public static final String SIZE = "size";
    /** Axis of the in-plane rotation views (degrees). */
    public static final String ROTATION = "rotation";
    /** Axis of the in-depth rotation views (degrees about the vertical axis). */
    public static final String DEPTH_ROTATION = "depth-rotation";
    /** Axis of the luminance views (percent of the default luminance). */
    public static final String LUMINANCE = "luminance";
    /** Axis of the exemplars of a class of natural-like images (exemplar number, 0-based). */
    public static final String EXEMPLAR = "exemplar";
    /** All valid axes, in the order a stimulus set lists them. */
    public static final List<String> AXES = List.of(POSITION, SIZE, ROTATION, DEPTH_ROTATION, LUMINANCE, EXEMPLAR);

    public StimulusCondition {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        if (object < 0) {
            throw new IllegalArgumentException("object must be >= 0, was " + object);
        }
        if (objectName == null || objectName.isBlank()) {
            throw new IllegalArgumentException("objectName must not be blank");
        }
        if (!AXES.contains(Objects.requireNonNull(axis, "axis"))) {
            throw new IllegalArgumentException("axis must be one of " + AXES + ", was " + Excerpt.of(axis));
        }
        requireFinite("value", value);
        requirePercent("luminance", luminance);
        requirePercent("contrast", contrast);
        if (Double.isInfinite(groupAzimuth)) {
            throw new IllegalArgumentException("groupAzimuth must be finite or NaN, was " + groupAzimuth);
        }
    }

    /** A condition not tied to a default position ({@code groupAzimuth} NaN). */
    public StimulusCondition(int index, int object, String objectName, String axis, double value, double luminance,
                             double contrast) {
        this(index, object, objectName, axis, value, luminance, contrast, Double.NaN);
    }

    /** Whether the view was shown at one of the default positions ({@link #groupAzimuth} is a number). */
    public boolean hasGroup() {
        return !Double.isNaN(groupAzimuth);
    }

    private static void requireFinite(String name, double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(name + " must be finite, was " + x);
        }
    }

    private static void requirePercent(String name, double x) {
        if (!(x >= 0.0 && x <= 100.0)) {
            throw new IllegalArgumentException(name + " must be a percentage in [0, 100], was " + x);
        }
    }
}
