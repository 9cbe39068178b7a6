package org.prunedistill.info;

import java.util.Objects;

/**
 * A set of conditions grouped by object for {@link InvariantObjectInformation}: the distinct objects, each one's
 * conditions and mean RF luminance, and the luminance ratio of every pair. It depends on the conditions' features
 * only, never on a unit's responses, so a layer's units at one RF position share one ({@link #of}) instead of
 * grouping their conditions anew. Immutable.
 */
public final class ObjectGroups {

    private final ConditionFeatures features;
    private final int[] ids;
    /** Each object's conditions, ascending. */
    private final int[][] conditionsOf;
    /** Each object's mean RF luminance over its conditions. */
    private final double[] meanLuminance;

    private ObjectGroups(ConditionFeatures features, int[] ids) {
        this.features = features;
        this.ids = ids;
        int[] objects = features.objectsView();
        double[] luminance = features.luminanceView();
        int[] slotOfCondition = ObjectIds.dense(objects, ids);
        int[] conditions = new int[ids.length];
        for (int slot : slotOfCondition) {
            conditions[slot]++;
        }
        conditionsOf = new int[ids.length][];
        for (int o = 0; o < ids.length; o++) {
            conditionsOf[o] = new int[conditions[o]];
        }
        int[] next = new int[ids.length];
        meanLuminance = new double[ids.length];
        for (int c = 0; c < objects.length; c++) {
            int o = slotOfCondition[c];
            conditionsOf[o][next[o]++] = c;
            // The same sum in the same order as LuminanceRatio's mean over the object's conditions.
            meanLuminance[o] += luminance[c];
        }
        for (int o = 0; o < ids.length; o++) {
            meanLuminance[o] /= conditions[o];
        }
    }

    /**
     * The grouping of {@code features}' conditions.
     *
     * @throws IllegalArgumentException when the features name a single object
     */
    public static ObjectGroups of(ConditionFeatures features) {
        Objects.requireNonNull(features, "features");
        int[] ids = ObjectIds.of(features.objectsView());
        if (ids.length < 2) {
            throw new IllegalArgumentException("features name a single object; need at least two");
        }
        return new ObjectGroups(features, ids);
    }

    /** The features grouped. */
    public ConditionFeatures features() {
        return features;
    }


    /** The number of distinct objects. */
    public int objects() {
        return ids.length;
    }

    /** The id of the {@code o}-th object in ascending order of id. */
    int id(int o) {
        return ids[o];
    }

    /** The conditions of the {@code o}-th object, ascending (not copied: read only). */
    int[] conditionsOf(int o) {
        return conditionsOf[o];
    }

    /** The luminance ratio of the {@code a}-th and {@code b}-th objects ({@link LuminanceRatio#ofMeans}). */
    double ratio(int a, int b) {
        return LuminanceRatio.ofMeans(meanLuminance[a], meanLuminance[b]);
    }

    @Override
    public String toString() {
        return "ObjectGroups[conditions=" + features.conditions() + ", objects=" + ids.length + "]";
    }
}
