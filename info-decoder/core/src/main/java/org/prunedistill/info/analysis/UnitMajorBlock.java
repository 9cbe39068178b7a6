package org.prunedistill.info.analysis;

import org.prunedistill.claimcheck.SourceTensor;

/**
 * A block of units with each unit's responses side by side: {@code data[unit * values + c * trials + t]}, with
 * {@code values = conditions * trials}. A source's blocks come condition-major (one row of all units per trial), so
 * reading one unit there touches a cache line and a memory page per response; the per-unit passes read every unit
 * whole, so {@link UnitBlocks} turns each block around once, in tiles, on its reading thread.
 *
 * @param conditions conditions of the source
 * @param trials     trials per condition
 * @param units      units in the block
 * @param data       the responses, unit-major; NaN for a missing trial
 */
record UnitMajorBlock(int conditions, int trials, int units, float[] data) {

    /** Tile side of the transposition: a tile of rows and units stays in the first-level cache. */
    private static final int TILE = 64;

    /** {@code block} turned unit-major. */
    static UnitMajorBlock of(SourceTensor block) {
        int rows = block.conditions() * block.trials();
        int units = block.units();
        float[] from = block.data();
        float[] to = new float[from.length];
        for (int row0 = 0; row0 < rows; row0 += TILE) {
            int rowEnd = Math.min(rows, row0 + TILE);
            for (int unit0 = 0; unit0 < units; unit0 += TILE) {
                int unitEnd = Math.min(units, unit0 + TILE);
                for (int row = row0; row < rowEnd; row++) {
                    int source = row * units;
                    for (int unit = unit0; unit < unitEnd; unit++) {
                        to[unit * rows + row] = from[source + unit];
                    }
                }
            }
        }
        return new UnitMajorBlock(block.conditions(), block.trials(), units, to);
    }

    /** Every response of one unit of the block, condition-major: index {@code c * trials + t}; NaN when missing. */
    double[] unitResponses(int unit, double[] into) {
        int values = conditions * trials;
        int start = unit * values;
        for (int i = 0; i < values; i++) {
            into[i] = data[start + i];
        }
        return into;
    }
}
