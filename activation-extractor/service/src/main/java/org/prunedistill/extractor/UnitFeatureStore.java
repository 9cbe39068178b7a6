package org.prunedistill.extractor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.events.v1.UnitFeatures;
import org.prunedistill.extraction.model.UnitFeatureTable;
import org.prunedistill.extraction.model.UnitGrid;
import org.prunedistill.extraction.stimuli.CleanOnDemand;
import org.prunedistill.extraction.stimuli.CleanRendering;
import org.prunedistill.extraction.stimuli.RenderedStimulusSet;

/**
 * What the units of one grid see of every condition of a run's stimuli (SCIENCE.md 2 and 4.7), stored as float32
 * .npy next to the batches: RF luminance, contrast and coverage by the object {@code [positions, conditions]} and RF
 * azimuth {@code [positions]}. They come from the clean images, rendered with their object masks in the same pass,
 * and are the same for every checkpoint and every layer with that grid, so each grid is computed and stored once. The
 * clean renderings are kept between grids when they fit the bound given; larger sets (500 colour photographs at
 * 256 px are 524 MB of floats) are rendered again, one condition at a time, for each grid. A layer whose grid is
 * unknown sees the whole image. Without object masks (a user's photographs) there is no coverage and
 * {@code rf_coverage} stays unset.
 */
final class UnitFeatureStore {

    /** {@code UnitFeatures.rf_map} of a layer whose input windows are unknown. */
    static final String WHOLE_IMAGE = "whole-image";

    private final ObjectStore store;
    private final StimulusPlan plan;
    private final boolean keepRenderings;
    private final Map<UnitGrid, UnitFeatures> features = new HashMap<>();
    private List<float[]> images;
    private List<float[]> masks;

    /**
     * @param keepWithin bytes the clean renderings may take to be kept between grids
     */
    UnitFeatureStore(ObjectStore store, StimulusPlan plan, long keepWithin) {
        this.store = store;
        this.plan = plan;
        this.keepRenderings = cleanBytes(plan.stimuli()) <= keepWithin;
    }

    /** Bytes of every condition's clean image and object mask as floats. */
    static long cleanBytes(RenderedStimulusSet set) {
        return (long) set.conditions().size() * (set.channels() + 1) * set.imageSize() * set.imageSize()
                * Float.BYTES;
    }

    /** Bytes held for the whole model: the clean renderings if they are kept, else none. */
    long heldBytes() {
        return keepRenderings ? cleanBytes(plan.stimuli()) : 0;
    }

    /** The stored features of a grid, or of the whole image when the grid is unknown. */
    UnitFeatures of(Optional<UnitGrid> known) {
        int side = plan.stimuli().imageSize();
        UnitGrid grid = known.orElse(UnitGrid.wholeImage(side));
        String map = known.isPresent() ? UnitFeatureTable.INPUT_WINDOW : WHOLE_IMAGE;
        return features.computeIfAbsent(grid, g -> {
            UnitFeatureTable table;
            if (keepRenderings) {
                renderOnce();
                table = UnitFeatureTable.compute(g, images, masks, side, plan.stimuli().degreesPerPixel());
            } else {
                CleanOnDemand clean = new CleanOnDemand(plan.stimuli());
                table = UnitFeatureTable.compute(g, clean.images(), clean.masks(), side,
                        plan.stimuli().degreesPerPixel());
            }
            int positions = table.positions();
            int conditions = table.conditions();
            UnitFeatures.Builder stored = UnitFeatures.newBuilder()
                    .setPositions(positions)
                    .setRfLuminance(store.putTensor(FloatTensor.ofFloats(table.luminance(), positions, conditions)))
                    .setRfContrast(store.putTensor(FloatTensor.ofFloats(table.contrast(), positions, conditions)))
                    .setRfAzimuth(store.putTensor(FloatTensor.ofFloats(table.azimuth(), positions)))
                    .setRfMap(map);
            table.coverage().ifPresent(coverage -> stored.setRfCoverage(
                    store.putTensor(FloatTensor.ofFloats(coverage, positions, conditions))));
            return stored.build();
        });
    }

    /** Images and masks of every condition; masks only if the set gives one for every condition. */
    private void renderOnce() {
        if (images != null) {
            return;
        }
        List<CleanRendering> clean = plan.cleanRenderings();
        images = clean.stream().map(CleanRendering::image).toList();
        masks = clean.stream().allMatch(c -> c.objectMask().isPresent())
                ? clean.stream().map(c -> c.objectMask().orElseThrow()).toList() : List.of();
    }
}
