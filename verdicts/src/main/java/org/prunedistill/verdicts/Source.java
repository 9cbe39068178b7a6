package org.prunedistill.verdicts;

/**
 * What a number belongs to: a layer of a model at one checkpoint, or a recorded area.
 *
 * @param key           identifies the source within its run (the caller's source key); equal keys, equal sources
 * @param layer         true for a layer of a model, false for a recorded area
 * @param origin        the model or recording the source belongs to
 * @param name          layer or area name
 * @param checkpoint    the model's checkpoint; empty for areas
 * @param order         position along the hierarchy, 0 = the input (or the first area)
 * @param relativeDepth depth along the hierarchy in [0, 1]
 */
public record Source(String key, boolean layer, String origin, String name, String checkpoint, int order,
                     double relativeDepth) {

    public Source {
        if (key == null || origin == null || name == null || checkpoint == null) {
            throw new IllegalArgumentException("key, origin, name and checkpoint must not be null");
        }
    }

    /** Whether this is the input layer of a model (its pixels do not change with training). */
    public boolean input() {
        return layer && order == 0;
    }

    /** Whether both name the same layer of the same model (at any checkpoint) or the same area. */
    public boolean sameLayerAs(Source other) {
        return layer == other.layer && origin.equals(other.origin) && name.equals(other.name);
    }
}
