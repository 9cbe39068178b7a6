package org.prunedistill.extraction.stimuli;

/**
 * A solid described by a signed distance bound: negative inside, positive outside, and never larger than the true
 * Euclidean distance to the surface (so sphere tracing can step by it without passing through the surface).
 *
 * <p>Coordinates are the object's own frame: x to the right, y up, z towards the viewer in the default pose; every
 * {@link RatObject} fits inside the unit sphere. Implementations are in {@link Solids}.
 */
@FunctionalInterface
public interface Solid {

    /** Signed distance bound at (x, y, z), object units. */
    double distance(double x, double y, double z);
}
