package org.prunedistill.info;

/**
 * Conditions grouped as {@link LabelledTrials#conditional} reads them: by a level Z, and within a level by a label Y,
 * each level's labels numbered from 0 in ascending order (its table's rows). Depends only on the two labellings, so
 * units that share them share one grouping ({@link FeatureLevels}).
 */
final class ConditionGroups {

    /** The conditions, stably sorted by level, then by label within a level. */
    private final int[] order;
    /**
     * The row within its level's table of the condition at each position of {@link #order}; null when every
     * condition is its own label, so its row is its place within its level.
     */
    private final int[] rowAt;
    /** The {@code g}-th level present holds {@code order[groupStarts[g] .. groupStarts[g + 1])}. */
    private final int[] groupStarts;
    /** The most rows of any level's table. */
    private final int widest;

    private ConditionGroups(int[] order, int[] rowAt, int[] groupStarts, int widest) {
        this.order = order;
        this.rowAt = rowAt;
        this.groupStarts = groupStarts;
        this.widest = widest;
    }

    /**
     * The grouping by {@code levelOfCondition} (in {@code 0 .. levels-1}) and, within a level, by
     * {@code labelOfCondition} (in {@code 0 .. labelCount-1}); both already validated.
     */
    static ConditionGroups of(int[] labelOfCondition, int labelCount, int[] levelOfCondition, int levels) {
        return of(labelOfCondition, labelCount, levelOfCondition, levels, true);
    }

    /** Conditions grouped by level alone, each condition its own label (the rows of I(R;S|Z)). */
    static ConditionGroups byLevel(int[] levelOfCondition, int levels) {
        int conditions = levelOfCondition.length;
        return of(FeatureDecomposition.identity(conditions), conditions, levelOfCondition, levels, false);
    }

    private static ConditionGroups of(int[] labelOfCondition, int labelCount, int[] levelOfCondition, int levels,
            boolean keepRows) {
        int conditions = levelOfCondition.length;
        int[] byLabel = countingSort(FeatureDecomposition.identity(conditions), labelOfCondition, labelCount);
        int[] order = countingSort(byLabel, levelOfCondition, levels);
        int[] rowAt = new int[conditions];
        int[] starts = new int[conditions + 1];
        int groups = 0;
        int widest = 0;
        for (int i = 0, rows = 0; i < conditions; i++) {
            int c = order[i];
            boolean newLevel = i == 0 || levelOfCondition[order[i - 1]] != levelOfCondition[c];
            if (newLevel) {
                starts[groups++] = i;
            }
            rows = newLevel ? 1 : rows + (labelOfCondition[order[i - 1]] != labelOfCondition[c] ? 1 : 0);
            rowAt[i] = rows - 1;
            widest = Math.max(widest, rows);
        }
        starts[groups] = conditions;
        return new ConditionGroups(order, keepRows ? rowAt : null, java.util.Arrays.copyOf(starts, groups + 1),
                widest);
    }

    int groups() {
        return groupStarts.length - 1;
    }

    /** The first position in {@link #order} of group {@code g}; group {@code g} ends where {@code g + 1} starts. */
    int groupStart(int g) {
        return groupStarts[g];
    }

    /** The condition at position {@code i} of the grouped order. */
    int condition(int i) {
        return order[i];
    }

    /** The row in its level's table of the condition at position {@code i}, in group {@code g}. */
    int rowAt(int i, int g) {
        return rowAt == null ? i - groupStarts[g] : rowAt[i];
    }

    int widest() {
        return widest;
    }

    /** {@code items} stably sorted by {@code key[item]} in {@code 0 .. keys-1}. */
    private static int[] countingSort(int[] items, int[] key, int keys) {
        int[] starts = new int[keys + 1];
        for (int item : items) {
            starts[key[item] + 1]++;
        }
        for (int k = 0; k < keys; k++) {
            starts[k + 1] += starts[k];
        }
        int[] sorted = new int[items.length];
        for (int item : items) {
            sorted[starts[key[item]]++] = item;
        }
        return sorted;
    }
}
