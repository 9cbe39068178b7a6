package org.prunedistill.extractor;

import java.util.ArrayList;
import java.util.List;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.Provenance;
import org.prunedistill.extraction.stimuli.CleanRendering;
import org.prunedistill.extraction.stimuli.RenderedStimulusSet;

/**
 * The stimuli of a run as every model sees them: the configured set, the jitter seed, the batch size asked for, the
 * stored condition table and the provenance they contribute.
 *
 * @param batchConditions conditions per batch asked for by the run or the configuration; 0: each checkpoint's batch
 *                        is sized from the heap and its layers ({@link BatchSize})
 * @param batchAskedBy    who asked for {@code batchConditions} (recorded)
 * @param metadata        stored condition table of the set (stimulus metadata of every model source)
 * @param base            provenance shared by every source of the run
 */
record StimulusPlan(RenderedStimulusSet stimuli, long seed, int batchConditions, String batchAskedBy,
                    ObjectRef metadata, Provenance base) {

    /**
     * Renderings are kept for a whole run (the trials for every checkpoint, the clean images for every grid's unit
     * features) when each kind takes at most this share of the heap: 1/8, 192 MB of the default 1.5 GB (the
     * natural-like set's 2,500 colour 64 px trials take 123 MB). What is kept is taken from the batches' budget.
     */
    static final int KEPT_RENDERINGS_HEAP_SHARE = 8;

    /** Bytes of heap one kind of renderings kept for a whole run may take. */
    static long keptRenderingsBudget() {
        return Runtime.getRuntime().maxMemory() / KEPT_RENDERINGS_HEAP_SHARE;
    }

    /**
     * The batch of a network whose layers hold {@code unitsPerImage} units, within {@code heapBudget} bytes less
     * what the stimuli and {@code alsoHeld} (the unit features' renderings) hold.
     */
    BatchSize batchFor(long unitsPerImage, long heapBudget, long alsoHeld) {
        return BatchSize.of(batchConditions, batchAskedBy, heapBudget, stimuli.residentBytes() + alsoHeld,
                stimuli.trials(), unitsPerImage);
    }

    /**
     * Every condition without jitter or noise, with its object mask if the set knows it, in condition order (what the
     * unit features are computed on).
     */
    List<CleanRendering> cleanRenderings() {
        List<CleanRendering> clean = new ArrayList<>(stimuli.conditions().size());
        for (int c = 0; c < stimuli.conditions().size(); c++) {
            clean.add(stimuli.renderCleanWithMask(c));
        }
        return clean;
    }

    /** A fresh copy of the shared provenance, for one source to add its own details to. */
    Provenance.Builder provenance() {
        return base.toBuilder().setCreatedAtMs(System.currentTimeMillis());
    }
}
