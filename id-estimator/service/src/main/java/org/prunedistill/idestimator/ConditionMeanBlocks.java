package org.prunedistill.idestimator;

import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.id.ColumnBlocks;

/**
 * The condition means of a source as column blocks: each block of units is read from the source (one sequential read
 * of a spilled source) and averaged over trials when the analysis reaches it, so the {@code conditions x units} means
 * are never held whole. Blocks are those {@link SourceActivations#conditionMeans()} reads, with the same values.
 */
final class ConditionMeanBlocks implements ColumnBlocks {

    private final SourceActivations source;

    ConditionMeanBlocks(SourceActivations source) {
        this.source = source;
    }

    @Override
    public int n() {
        return source.conditions();
    }

    @Override
    public int d() {
        return source.units();
    }

    @Override
    public void forEach(Visitor visitor) {
        int units = source.units();
        int block = source.unitsPerBlock(SourceActivations.MEANS_BLOCK_BYTES);
        for (int from = 0; from < units; from += block) {
            int to = Math.min(units, from + block);
            visitor.block(from, to - from, source.unitBlock(from, to).conditionMeans());
        }
    }
}
