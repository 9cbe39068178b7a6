package org.prunedistill.extraction.stimuli;

import java.util.OptionalDouble;

/**
 * Which default position of {@link RatObjectStimulusSet} a view was shown at (Tafazoli et al. 2017): the size,
 * rotation, depth-rotation and luminance views are shown at -15 deg ({@link #LEFT}) and again at +15 deg
 * ({@link #RIGHT}); the eight position views belong to neither ({@link #NONE}).
 */
public enum PositionGroup {
    /** A position view: not tied to one default position. */
    NONE(Double.NaN),
    /** Shown at the default position -15 deg azimuth. */
    LEFT(-15.0),
    /** Shown at the default position +15 deg azimuth. */
    RIGHT(15.0);

    private final double azimuthDegrees;

    PositionGroup(double azimuthDegrees) {
        this.azimuthDegrees = azimuthDegrees;
    }

    /** The default position, degrees azimuth; empty for {@link #NONE}. */
    public OptionalDouble azimuthDegrees() {
        return this == NONE ? OptionalDouble.empty() : OptionalDouble.of(azimuthDegrees);
    }

    /**
     * The default position nearer the given azimuth (for example a unit's receptive-field centre); a tie (0 deg)
     * goes to {@link #LEFT}.
     *
     * @throws IllegalArgumentException if the azimuth is not finite
     */
    public static PositionGroup nearestTo(double azimuthDegrees) {
        if (!Double.isFinite(azimuthDegrees)) {
            throw new IllegalArgumentException("azimuthDegrees must be finite, was " + azimuthDegrees);
        }
        double toLeft = Math.abs(azimuthDegrees - LEFT.azimuthDegrees);
        double toRight = Math.abs(azimuthDegrees - RIGHT.azimuthDegrees);
        return toRight < toLeft ? RIGHT : LEFT;
    }
}
