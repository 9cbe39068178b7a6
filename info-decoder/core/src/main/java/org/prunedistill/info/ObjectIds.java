package org.prunedistill.info;

import java.util.Arrays;

/** The distinct object ids of a design's conditions, ascending: computed for every unit, so without boxing. */
final class ObjectIds {

    private ObjectIds() {
    }

    static int[] of(int[] objectOfCondition) {
        int[] ids = objectOfCondition.clone();
        Arrays.sort(ids);
        int distinct = 0;
        for (int i = 0; i < ids.length; i++) {
            if (distinct == 0 || ids[i] != ids[distinct - 1]) {
                ids[distinct++] = ids[i];
            }
        }
        return Arrays.copyOf(ids, distinct);
    }

    /** Each condition's object as its index in {@code ids} (ascending and distinct, {@link #of}). */
    static int[] dense(int[] objectOfCondition, int[] ids) {
        int[] dense = new int[objectOfCondition.length];
        for (int c = 0; c < objectOfCondition.length; c++) {
            dense[c] = Arrays.binarySearch(ids, objectOfCondition[c]);
        }
        return dense;
    }
}
