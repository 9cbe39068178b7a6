package org.prunedistill.info;

import java.util.Arrays;

/**
 * A feature cut into the equipopulated levels of a {@link FeatureDecomposition} over a set of conditions, with the
 * conditions grouped as the decomposition reads them: by level, and, when the conditions' objects are given, by
 * object and level within object. All of it depends on the conditions' features only, never on a unit's responses,
 * so a layer's units at one RF position share one (made by {@link FeatureDecomposition#levels}) and the grouping is
 * done once instead of once per unit. Immutable.
 */
public final class FeatureLevels {

    private final int[] level;
    private final int featureBins;
    private final ConditionGroups byLevel;
    /** Null when made without objects: then {@link FeatureDecomposition#withinObjectByLevel} refuses it. */
    private final ObjectPart objects;

    /** Object ids relabelled {@code 0 .. count-1}, and the conditions grouped by object, then level. */
    record ObjectPart(int[] object, int count, ConditionGroups levelsWithinObject, double meanLevelsPerObject) {
    }

    private FeatureLevels(int[] level, int featureBins, ObjectPart objects) {
        this.level = level;
        this.featureBins = featureBins;
        this.byLevel = ConditionGroups.byLevel(level, featureBins);
        this.objects = objects;
    }

    /** Levels already validated, in {@code 0 .. featureBins-1}; objects (non-negative ids) or null. */
    static FeatureLevels of(int[] level, int featureBins, int[] objectOfCondition) {
        if (objectOfCondition == null) {
            return new FeatureLevels(level, featureBins, null);
        }
        int[] object = denseObjects(objectOfCondition, level.length);
        int count = Arrays.stream(object).max().orElseThrow() + 1;
        return new FeatureLevels(level, featureBins, new ObjectPart(object, count,
                ConditionGroups.of(level, featureBins, object, count),
                meanLevelsPerObject(level, featureBins, object, count)));
    }

    /** The number of conditions. */
    public int conditions() {
        return level.length;
    }

    public int featureBins() {
        return featureBins;
    }

    /** The level of each condition, {@code 0 .. featureBins-1}. */
    public int[] levels() {
        return level.clone();
    }

    /** Whether the conditions' objects were given (needed by {@link FeatureDecomposition#withinObjectByLevel}). */
    public boolean hasObjects() {
        return objects != null;
    }

    int[] levelView() {
        return level;
    }

    ConditionGroups byLevel() {
        return byLevel;
    }

    ObjectPart objects() {
        return objects;
    }

    /** Object ids relabelled {@code 0 .. K-1} in ascending order of id. */
    private static int[] denseObjects(int[] objectOfCondition, int conditions) {
        if (objectOfCondition.length != conditions) {
            throw new IllegalArgumentException("objectOfCondition holds " + objectOfCondition.length
                    + " values for " + conditions + " conditions");
        }
        for (int c = 0; c < conditions; c++) {
            if (objectOfCondition[c] < 0) {
                throw new IllegalArgumentException("objectOfCondition[" + c + "] = " + objectOfCondition[c]
                        + " is negative");
            }
        }
        return ObjectIds.dense(objectOfCondition, ObjectIds.of(objectOfCondition));
    }

    /** Mean over objects of the number of distinct feature levels among the object's conditions. */
    private static double meanLevelsPerObject(int[] level, int featureBins, int[] object, int objects) {
        boolean[] seen = new boolean[objects * featureBins];
        int pairs = 0;
        for (int c = 0; c < level.length; c++) {
            int cell = object[c] * featureBins + level[c];
            if (!seen[cell]) {
                seen[cell] = true;
                pairs++;
            }
        }
        return (double) pairs / objects;
    }

    @Override
    public String toString() {
        return "FeatureLevels[conditions=" + level.length + ", featureBins=" + featureBins + ", objects="
                + (objects == null ? "none" : objects.count()) + "]";
    }
}
