package org.prunedistill.extraction.stimuli;

import java.util.Objects;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * Full metadata of one condition of {@link RatObjectStimulusSet}: the design (which axis, by how much), the
 * physical pose it was rendered with, its position group, and the luminance and contrast of the clean image.
 *
 * @param index                 condition index = object x 38 + view
 * @param object                object id, 0..9
 * @param objectName            e.g. {@code cube}
 * @param axis                  {@code position}, {@code size}, {@code rotation}, {@code depth-rotation} or
 *                              {@code luminance}
 * @param value                 amount along the axis: degrees, or % of the default luminance for {@code luminance}
 * @param positionGroup         default position the view belongs to ({@link PositionGroup#NONE} for position views)
 * @param azimuthDegrees        horizontal position of the object centre, degrees (right = +)
 * @param sizeDegrees           diameter of the object's bounding sphere, degrees of visual angle
 * @param rotationDegrees       in-plane rotation, degrees counter-clockwise
 * @param depthRotationDegrees  rotation in depth about the object's vertical axis, degrees (right side away = +)
 * @param gainPercent           object luminance, % of the default
 * @param luminance             mean pixel value of the clean image, % of white
 * @param contrast              SD of the pixel values of the clean image (RMS contrast), % of white
 */
public record RatView(int index, int object, String objectName, String axis, double value,
                      PositionGroup positionGroup, double azimuthDegrees, double sizeDegrees, double rotationDegrees,
                      double depthRotationDegrees, double gainPercent, double luminance, double contrast) {

    public RatView {
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(positionGroup, "positionGroup");
    }

    /** The shared condition record of this view. */
    public StimulusCondition toCondition() {
        return new StimulusCondition(index, object, objectName, axis, value, luminance, contrast,
                positionGroup.azimuthDegrees().orElse(Double.NaN));
    }
}
