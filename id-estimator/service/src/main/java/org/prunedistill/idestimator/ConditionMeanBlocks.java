package org.prunedistill.idestimator;

import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.id.ColumnBlocks;
import org.prunedistill.messaging.StepProgress;

/**
 * The condition means of a source as column blocks: each block of units is read from the source (one sequential read
 * of a spilled source) and averaged over trials when the analysis reaches it, so the {@code conditions x units} means
 * are never held whole. Blocks are those {@link SourceActivations#conditionMeans()} reads, with the same values.
 * Each pass says how many units it has read ("distances over unit blocks", then "..., pass 2" if there is another).
 */
final class ConditionMeanBlocks implements ColumnBlocks {

    /** The step's name in progress reports. */
    static final String STEP = "distances over unit blocks";

    private final SourceActivations source;
    private final StepProgress progress;
    private int passes;

    ConditionMeanBlocks(SourceActivations source, StepProgress progress) {
        this.source = source;
        this.progress = progress;
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
        passes++;
        String step = passes == 1 ? STEP : STEP + ", pass " + passes;
        progress.step(step, 0, units);
        for (int from = 0; from < units; from += block) {
            int to = Math.min(units, from + block);
            visitor.block(from, to - from, source.unitBlock(from, to).conditionMeans());
            progress.step(step, to, units);
        }
    }
}
